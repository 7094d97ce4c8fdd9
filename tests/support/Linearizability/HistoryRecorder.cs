namespace DistSys.Testing.Linearizability;

/// <summary>
/// Records a history as a test drives clients: <see cref="Call"/> when a request is issued, <see cref="Return"/> when
/// its reply arrives. Calls never returned stay pending. Not thread-safe (simulated clients run one event at a time).
/// </summary>
public sealed class HistoryRecorder<TInput, TOutput>
{
    private readonly List<Operation<TInput, TOutput>> _operations = [];

    /// <summary>The operations recorded so far, in call order.</summary>
    public IReadOnlyList<Operation<TInput, TOutput>> Operations => _operations;

    /// <summary>Records a call; returns its handle for <see cref="Return"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="input"/> is null.</exception>
    public int Call(int clientId, long time, TInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        _operations.Add(new Operation<TInput, TOutput>(clientId, time, null, input, default));
        return _operations.Count - 1;
    }

    /// <summary>Records the return of the call with handle <paramref name="call"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">No such call, or <paramref name="time"/> is before the call.</exception>
    /// <exception cref="InvalidOperationException">The call has already returned.</exception>
    public void Return(int call, long time, TOutput output)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(call);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(call, _operations.Count);
        var operation = _operations[call];
        if (operation.ReturnTime is not null)
        {
            throw new InvalidOperationException($"Call {call} has already returned.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(time, operation.CallTime);
        _operations[call] = operation with { ReturnTime = time, Output = output };
    }
}
