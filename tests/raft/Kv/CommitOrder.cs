using System.Globalization;

namespace DistSys.Raft.Tests.Kv;

/// <summary>
/// A second, independent check of a key-value history: the order in which operations were committed in the Raft log
/// must itself be a linearization — every completed operation's output is what replaying the log up to it gives, and
/// an operation that returned before another was called comes first in the log.
/// </summary>
internal static class CommitOrder
{
    /// <summary>Null when the commit order explains the history; otherwise what does not fit.</summary>
    public static string? Explain(IReadOnlyList<KvRecord> history, Func<long, object?> committedAt, long lastIndex)
    {
        var outputs = new Dictionary<(int Client, long Seq), (long Index, string? Output)>();
        var data = new Dictionary<string, string>(StringComparer.Ordinal);
        for (long index = 1; index <= lastIndex; index++)
        {
            if (committedAt(index) is not KvCommand command || outputs.ContainsKey((command.ClientId, command.Seq)))
            {
                continue;
            }

            string? output = null;
            string current = data.GetValueOrDefault(command.Key, "");
            switch (command.Op)
            {
                case KvKind.Get:
                    output = current;
                    break;
                case KvKind.Put:
                    data[command.Key] = command.Value!;
                    break;
                default:
                    data[command.Key] = current + command.Value;
                    break;
            }

            outputs[(command.ClientId, command.Seq)] = (index, output);
        }

        // Clients number their operations 1, 2, … in call order.
        var seqOf = new Dictionary<KvRecord, long>();
        foreach (IGrouping<int, KvRecord> client in history.GroupBy(r => r.ClientId))
        {
            long seq = 0;
            foreach (KvRecord record in client.OrderBy(r => r.CallTime))
            {
                seqOf[record] = ++seq;
            }
        }

        var completed = history.Where(r => r.ReturnTime is not null).ToList();
        foreach (KvRecord record in completed)
        {
            if (!outputs.TryGetValue((record.ClientId, seqOf[record]), out var applied))
            {
                return $"client {record.ClientId}'s {Describe(record)} returned but is not in the committed log";
            }

            if (record.Op == KvKind.Get && applied.Output != record.Output)
            {
                return $"client {record.ClientId}'s {Describe(record)} returned '{record.Output}', but at its place in the log (index {applied.Index}) the value was '{applied.Output}'";
            }
        }

        // Real time: every operation must come after, in the log, all those that returned before it was called.
        var byReturn = completed.OrderBy(r => r.ReturnTime).ToList();
        var latest = new (long Index, KvRecord Record)[byReturn.Count];
        for (int i = 0; i < byReturn.Count; i++)
        {
            long index = outputs[(byReturn[i].ClientId, seqOf[byReturn[i]])].Index;
            latest[i] = i > 0 && latest[i - 1].Index > index ? latest[i - 1] : (index, byReturn[i]);
        }

        int returned = 0;
        foreach (KvRecord second in completed.OrderBy(r => r.CallTime))
        {
            while (returned < byReturn.Count && byReturn[returned].ReturnTime < second.CallTime)
            {
                returned++;
            }

            long secondIndex = outputs[(second.ClientId, seqOf[second])].Index;
            if (returned > 0 && latest[returned - 1].Index > secondIndex)
            {
                KvRecord first = latest[returned - 1].Record;
                return $"client {first.ClientId}'s {Describe(first)} returned before client {second.ClientId}'s {Describe(second)} was called, yet comes later in the log";
            }
        }

        return null;
    }

    private static string Describe(KvRecord record) =>
        string.Create(CultureInfo.InvariantCulture, $"{record.Op} {record.Key}{(record.Value is null ? "" : " " + record.Value)} [{record.CallTime / 10_000.0:0.###} ms, {record.ReturnTime / 10_000.0:0.###} ms]");
}
