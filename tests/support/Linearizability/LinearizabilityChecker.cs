using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace DistSys.Testing.Linearizability;

/// <summary>
/// Decides whether a concurrent history is linearizable with respect to a <see cref="Model{TState, TInput, TOutput}"/>:
/// the Wing–Gong search as refined by Lowe and used by Porcupine. Operations are tried in real-time order, a step is
/// taken only if the model accepts it, and a (set of linearized operations, state) pair already explored is never
/// explored again. Each partition of the history is searched separately.
/// </summary>
public static class LinearizabilityChecker
{
    private const int PrefixLinesShown = 20;

    /// <summary>
    /// Checks <paramref name="history"/> against <paramref name="model"/>. A pending operation (no return time) may take
    /// effect at any point after its call, or never. With a <paramref name="budget"/>, a search that takes longer stops
    /// with <see cref="LinearizabilityOutcome.Unknown"/>; grading code should not pass one, so verdicts never depend on
    /// the machine's speed.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> or <paramref name="history"/> is null.</exception>
    /// <exception cref="ArgumentException">An operation is null, has a null input, or returns before its call.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="budget"/> is not positive.</exception>
    public static LinearizabilityResult Check<TState, TInput, TOutput>(
        Model<TState, TInput, TOutput> model,
        IReadOnlyList<Operation<TInput, TOutput>> history,
        TimeSpan? budget = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(history);
        if (budget is { } limit && limit <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(budget), limit, "The budget must be positive, or null for no limit.");
        }

        for (var i = 0; i < history.Count; i++)
        {
            var operation = history[i] ?? throw new ArgumentException($"Operation {i} is null.", nameof(history));
            if (operation.Input is null)
            {
                throw new ArgumentException($"Operation {i} has a null input.", nameof(history));
            }

            if (operation.ReturnTime < operation.CallTime)
            {
                throw new ArgumentException(
                    $"Operation {i} returns at {operation.ReturnTime} before its call at {operation.CallTime}.", nameof(history));
            }
        }

        long? deadline = budget is { } b ? Stopwatch.GetTimestamp() + (long)(b.TotalSeconds * Stopwatch.Frequency) : null;
        var partitions = 0;
        string? undecided = null;
        foreach (var (name, operations) in model.Partition(history))
        {
            partitions++;
            var search = new Search<TState, TInput, TOutput>(model, operations, deadline);
            switch (search.Run())
            {
                case LinearizabilityOutcome.NotLinearizable:
                    return search.Failure(name);
                case LinearizabilityOutcome.Unknown:
                    undecided ??= name;
                    break;
            }
        }

        if (undecided is not null)
        {
            return new LinearizabilityResult(
                LinearizabilityOutcome.Unknown,
                $"Unknown: the time budget of {budget} ran out while checking partition '{undecided}'.",
                undecided);
        }

        return new LinearizabilityResult(
            LinearizabilityOutcome.Linearizable,
            string.Create(CultureInfo.InvariantCulture, $"Linearizable: {history.Count} operations in {partitions} partition(s)."));
    }

    private sealed class Entry(int id, bool isCall, long time)
    {
        public int Id { get; } = id;
        public bool IsCall { get; } = isCall;
        public long Time { get; } = time;
        public Entry? Prev { get; set; }
        public Entry? Next { get; set; }
        public Entry Match { get; set; } = null!;
    }

    private readonly record struct Memo(ulong[] Bits, object? State, int Hash);

    private sealed class Search<TState, TInput, TOutput>
    {
        private readonly Model<TState, TInput, TOutput> _model;
        private readonly IReadOnlyList<Operation<TInput, TOutput>> _operations;
        private readonly long? _deadline;
        private readonly Entry _head = new(-1, isCall: false, long.MinValue);
        private readonly ulong[] _zobrist;
        private readonly bool[] _readOnly;
        private int[] _bestOrder = [];

        public Search(Model<TState, TInput, TOutput> model, IReadOnlyList<Operation<TInput, TOutput>> operations, long? deadline)
        {
            _model = model;
            _operations = operations;
            _deadline = deadline;
            _zobrist = new ulong[operations.Count];
            _readOnly = new bool[operations.Count];
            for (var i = 0; i < operations.Count; i++)
            {
                _zobrist[i] = SplitMix((ulong)i);
                _readOnly[i] = model.IsReadOnly(operations[i].Input);
            }
        }

        public LinearizabilityOutcome Run()
        {
            BuildList();
            var comparer = _model.StateComparer;
            var memo = new HashSet<Memo>(new MemoComparer(comparer));
            var bits = new ulong[(_operations.Count + 63) / 64];
            ulong bitsHash = 0;
            var stack = new Stack<Frame>();
            var state = _model.Initial;
            var candidates = Candidates();
            var index = 0;
            long steps = 0;
            while (candidates is not null)
            {
                if (_deadline is { } deadline && (++steps & 1023) == 0 && Stopwatch.GetTimestamp() > deadline)
                {
                    return LinearizabilityOutcome.Unknown;
                }

                if (index < candidates.Length)
                {
                    var entry = candidates[index++];
                    var id = entry.Id;
                    var operation = _operations[id];
                    var accepted = operation.IsPending
                        ? _model.StepPending(state, operation.Input, out var next)
                        : _model.Step(state, operation.Input, operation.Output!, out next);
                    if (!accepted)
                    {
                        continue;
                    }

                    if (_readOnly[id])
                    {
                        // A read that fits is placed here, as early as it can go, which loses nothing: it changes no state
                        // and everything that had to precede it already does. Orders that place it later are never tried.
                        index = candidates.Length;
                    }

                    bits[id >> 6] |= 1UL << (id & 63);
                    bitsHash ^= _zobrist[id];
                    var probe = new Memo(bits, next, Combine(bitsHash, next, comparer));
                    if (memo.Contains(probe))
                    {
                        bits[id >> 6] &= ~(1UL << (id & 63));
                        bitsHash ^= _zobrist[id];
                        continue;
                    }

                    memo.Add(probe with { Bits = (ulong[])bits.Clone() });
                    stack.Push(new Frame(candidates, index, state, entry));
                    state = next;
                    Lift(entry);
                    candidates = Candidates();
                    index = 0;
                    continue;
                }

                if (stack.Count == 0)
                {
                    return LinearizabilityOutcome.NotLinearizable;
                }

                // Remembered for the explanation; only dead ends can be the deepest point of a failed search.
                if (stack.Count > _bestOrder.Length)
                {
                    _bestOrder = [.. stack.Select(frame => frame.Placed.Id).Reverse()];
                }

                var back = stack.Pop();
                (candidates, index, state) = (back.Candidates, back.Next, back.Before);
                bits[back.Placed.Id >> 6] &= ~(1UL << (back.Placed.Id & 63));
                bitsHash ^= _zobrist[back.Placed.Id];
                Unlift(back.Placed);
            }

            return LinearizabilityOutcome.Linearizable;
        }

        /// <summary>
        /// The operations that may be placed next: those called before the first return still in the list. Null when
        /// that return belongs to a pending operation (returns "at infinity"), or none is left: every completed
        /// operation is placed. Reads come first, then the earliest deadline (return time) first, which is usually the
        /// real order, so a linearizable history is found with little backtracking.
        /// </summary>
        private Entry[]? Candidates()
        {
            var found = new List<Entry>();
            var entry = _head.Next;
            while (entry is { IsCall: true })
            {
                found.Add(entry);
                entry = entry.Next;
            }

            if (entry is null || _operations[entry.Id].IsPending)
            {
                return null;
            }

            found.Sort((a, b) =>
                _readOnly[a.Id] != _readOnly[b.Id] ? (_readOnly[a.Id] ? -1 : 1)
                : a.Match.Time != b.Match.Time ? a.Match.Time.CompareTo(b.Match.Time)
                : a.Time != b.Time ? a.Time.CompareTo(b.Time)
                : a.Id.CompareTo(b.Id));
            return [.. found];
        }

        private readonly record struct Frame(Entry[] Candidates, int Next, TState Before, Entry Placed);

        public LinearizabilityResult Failure(string partition)
        {
            var prefix = new List<string>();
            var state = _model.Initial;
            foreach (var id in _bestOrder)
            {
                var operation = _operations[id];
                _ = operation.IsPending
                    ? _model.StepPending(state, operation.Input, out state)
                    : _model.Step(state, operation.Input, operation.Output!, out state);
                prefix.Add($"{Describe(id)}  => {_model.DescribeState(state)}");
            }

            // The completed operation that returned first among those left must be placed before anything called after
            // it returned; so the candidates for the next place are it and everything called by then.
            var placed = new HashSet<int>(_bestOrder);
            var left = Enumerable.Range(0, _operations.Count).Where(id => !placed.Contains(id)).ToList();
            var firstReturn = left.Where(id => !_operations[id].IsPending).Min(id => _operations[id].ReturnTime!.Value);
            var unplaced = left
                .Where(id => _operations[id].CallTime <= firstReturn)
                .OrderBy(id => _operations[id].CallTime)
                .ThenBy(id => id)
                .Select(Describe)
                .ToList();

            var text = new StringBuilder();
            text.Append(CultureInfo.InvariantCulture,
                $"Not linearizable: partition '{partition}' ({_operations.Count} operations) has no linearization.\n");
            text.Append(CultureInfo.InvariantCulture,
                $"Longest linearizable prefix: {prefix.Count} of {_operations.Count} operations, in linearization order (=> state after it):\n");
            if (prefix.Count > PrefixLinesShown)
            {
                text.Append(CultureInfo.InvariantCulture, $"  … {prefix.Count - PrefixLinesShown} earlier operations\n");
            }

            foreach (var line in prefix.Skip(Math.Max(0, prefix.Count - PrefixLinesShown)))
            {
                text.Append("  ").Append(line).Append('\n');
            }

            text.Append(CultureInfo.InvariantCulture,
                $"State after the prefix: {_model.DescribeState(state)}. None of these could be placed next:\n");
            foreach (var line in unplaced)
            {
                text.Append("  ").Append(line).Append('\n');
            }

            return new LinearizabilityResult(
                LinearizabilityOutcome.NotLinearizable, text.ToString().TrimEnd('\n'), partition, prefix, unplaced);
        }

        private string Describe(int id)
        {
            var operation = _operations[id];
            var returned = operation.ReturnTime is { } r ? r.ToString(CultureInfo.InvariantCulture) : "pending";
            var output = operation.IsPending ? default : operation.Output;
            return string.Create(CultureInfo.InvariantCulture,
                $"client {operation.ClientId} [{operation.CallTime}, {returned}] {_model.Describe(operation.Input, output)}");
        }

        private void BuildList()
        {
            var entries = new List<Entry>(2 * _operations.Count);
            for (var i = 0; i < _operations.Count; i++)
            {
                var operation = _operations[i];
                var call = new Entry(i, isCall: true, operation.CallTime);
                var ret = new Entry(i, isCall: false, operation.ReturnTime ?? long.MaxValue);
                call.Match = ret;
                ret.Match = call;
                entries.Add(call);
                entries.Add(ret);
            }

            // At equal times calls come first: intervals that touch overlap, which is the lenient reading.
            entries.Sort((a, b) =>
                a.Time != b.Time ? a.Time.CompareTo(b.Time)
                : a.IsCall != b.IsCall ? (a.IsCall ? -1 : 1)
                : a.Id.CompareTo(b.Id));
            var previous = _head;
            foreach (var entry in entries)
            {
                previous.Next = entry;
                entry.Prev = previous;
                previous = entry;
            }
        }

        private static void Lift(Entry call)
        {
            call.Prev!.Next = call.Next;
            call.Next!.Prev = call.Prev;
            var ret = call.Match;
            ret.Prev!.Next = ret.Next;
            if (ret.Next is not null)
            {
                ret.Next.Prev = ret.Prev;
            }
        }

        private static void Unlift(Entry call)
        {
            var ret = call.Match;
            ret.Prev!.Next = ret;
            if (ret.Next is not null)
            {
                ret.Next.Prev = ret;
            }

            call.Prev!.Next = call;
            call.Next!.Prev = call;
        }

        private static int Combine(ulong bitsHash, TState state, IEqualityComparer<TState> comparer) =>
            HashCode.Combine(bitsHash, state is null ? 0 : comparer.GetHashCode(state));

        private static ulong SplitMix(ulong x)
        {
            x += 0x9E37_79B9_7F4A_7C15;
            x = (x ^ (x >> 30)) * 0xBF58_476D_1CE4_E5B9;
            x = (x ^ (x >> 27)) * 0x94D0_49BB_1331_11EB;
            return x ^ (x >> 31);
        }

        private sealed class MemoComparer(IEqualityComparer<TState> states) : IEqualityComparer<Memo>
        {
            public bool Equals(Memo x, Memo y) =>
                x.Hash == y.Hash && x.Bits.AsSpan().SequenceEqual(y.Bits) && states.Equals((TState)x.State!, (TState)y.State!);

            public int GetHashCode(Memo memo) => memo.Hash;
        }
    }
}
