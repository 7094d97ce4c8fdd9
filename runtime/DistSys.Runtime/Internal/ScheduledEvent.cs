namespace DistSys.Runtime;

internal enum ScheduledEventKind : byte
{
    Deliver,
    NodeTimer,
    ProviderTimer,
    External,
}

/// <summary>
/// A queued event, stored by value in the priority queue so that scheduling allocates nothing.
/// Deliver: From, To, Payload = message, Number = size. NodeTimer: To = node, Number = incarnation, Id = timer id,
/// Payload = callback, Label. ProviderTimer: Payload = the VirtualTimer, Id = its generation. External: Payload = action, Label.
/// </summary>
internal readonly record struct ScheduledEvent(
    ScheduledEventKind Kind, int From, int To, int Number, long Id, object? Payload, string? Label);

/// <summary>Queue order: virtual time, then insertion sequence — the tie-break that makes runs reproducible.</summary>
internal readonly record struct EventKey(long Ticks, long Sequence) : IComparable<EventKey>
{
    public int CompareTo(EventKey other)
    {
        int byTime = Ticks.CompareTo(other.Ticks);
        return byTime != 0 ? byTime : Sequence.CompareTo(other.Sequence);
    }
}
