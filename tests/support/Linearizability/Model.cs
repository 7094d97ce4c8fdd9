using System.Globalization;

namespace DistSys.Testing.Linearizability;

/// <summary>
/// The sequential specification a history is checked against: a state machine whose steps say whether an input could
/// have produced an output. Models must be pure: <see cref="Step"/> may not change <c>state</c>, because the checker
/// backtracks to earlier states.
/// </summary>
/// <typeparam name="TState">The state; compared with <see cref="StateComparer"/> to remember states already explored.</typeparam>
/// <typeparam name="TInput">What a client asked for.</typeparam>
/// <typeparam name="TOutput">What a client was told.</typeparam>
public abstract class Model<TState, TInput, TOutput>
{
    /// <summary>The state before any operation.</summary>
    public abstract TState Initial { get; }

    /// <summary>True if applying <paramref name="input"/> to <paramref name="state"/> could produce
    /// <paramref name="output"/>; <paramref name="next"/> is the resulting state.</summary>
    public abstract bool Step(TState state, TInput input, TOutput output, out TState next);

    /// <summary>
    /// Applies an operation whose output nobody saw (a pending call: it may or may not have taken effect). Return false
    /// if the input could never be applied to <paramref name="state"/>. The default throws <see cref="NotSupportedException"/>:
    /// a model must say what an unobserved operation does before histories with pending operations can be checked.
    /// </summary>
    public virtual bool StepPending(TState state, TInput input, out TState next) =>
        throw new NotSupportedException(
            $"{GetType().Name} cannot check pending operations (calls without a return): override StepPending.");

    /// <summary>
    /// True if <paramref name="input"/> never changes the state (a read). The checker then places such an operation as
    /// soon as it fits instead of trying it at every later position, which prunes much of the search. Returning true for
    /// an input that can change the state makes verdicts wrong; the default, false, is always safe.
    /// </summary>
    public virtual bool IsReadOnly(TInput input) => false;

    /// <summary>State equality and hash for the checker's memo of explored (linearized set, state) pairs.</summary>
    public virtual IEqualityComparer<TState> StateComparer => EqualityComparer<TState>.Default;

    /// <summary>Independent sub-histories (for example one per key), checked separately; the default is one
    /// partition named "all". A history is linearizable if and only if every partition is.</summary>
    public virtual IEnumerable<(string Name, IReadOnlyList<Operation<TInput, TOutput>> Operations)> Partition(
        IReadOnlyList<Operation<TInput, TOutput>> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        yield return ("all", history);
    }

    /// <summary>One operation for failure messages; <paramref name="output"/> is null for a pending operation.</summary>
    public virtual string Describe(TInput input, TOutput? output) =>
        output is null
            ? string.Create(CultureInfo.InvariantCulture, $"{input} -> (pending)")
            : string.Create(CultureInfo.InvariantCulture, $"{input} -> {output}");

    /// <summary>A state for failure messages.</summary>
    public virtual string DescribeState(TState state) => string.Create(CultureInfo.InvariantCulture, $"{state}");
}
