namespace DistSys.Testing.Linearizability;

/// <summary>
/// One client operation in a history. Times are in any unit (ticks of virtual time, say) as long as all operations of
/// a history use the same one. Operations whose intervals touch (one returns at the instant another is called) count
/// as concurrent.
/// </summary>
/// <param name="ClientId">Who called it; used in messages only.</param>
/// <param name="CallTime">When the call was made.</param>
/// <param name="ReturnTime">When it returned; null for a pending operation, which may have taken effect at any point
/// after its call, or never.</param>
/// <param name="Input">What was asked.</param>
/// <param name="Output">What was answered; ignored (and usually null) for a pending operation.</param>
public sealed record Operation<TInput, TOutput>(int ClientId, long CallTime, long? ReturnTime, TInput Input, TOutput? Output)
{
    /// <summary>True if the operation has no return.</summary>
    public bool IsPending => ReturnTime is null;
}
