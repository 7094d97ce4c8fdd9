using System.Globalization;

namespace DistSys.Testing.Linearizability;

/// <summary>The operations of a key-value store.</summary>
public enum KvOp
{
    /// <summary>Read a key; an absent key reads as the empty string.</summary>
    Get,

    /// <summary>Replace a key's value.</summary>
    Put,

    /// <summary>Append to a key's value (an absent key counts as empty).</summary>
    Append,
}

/// <summary>A key-value request. <paramref name="Value"/> is ignored for <see cref="KvOp.Get"/>; null counts as empty
/// for <see cref="KvOp.Put"/> and <see cref="KvOp.Append"/>.</summary>
public sealed record KvInput(KvOp Op, string Key, string? Value = null);

/// <summary>A key-value reply. A Get returns the value, with <c>""</c> for an absent key (a null Value from a Get is
/// treated as <c>""</c> too); Put and Append return null, and their output is not checked.</summary>
public sealed record KvOutput(string? Value);

/// <summary>
/// A linearizable key-value store (Get/Put/Append, as in the kit's raft and kv-store exercises): each key is an
/// independent register, so histories are checked per key.
/// </summary>
public sealed class KeyValueModel : Model<string, KvInput, KvOutput>
{
    /// <summary>An absent key.</summary>
    public override string Initial => string.Empty;

    /// <inheritdoc/>
    public override bool Step(string state, KvInput input, KvOutput output, out string next)
    {
        ArgumentNullException.ThrowIfNull(input);
        switch (input.Op)
        {
            case KvOp.Get:
                next = state;
                return string.Equals(state, output?.Value ?? string.Empty, StringComparison.Ordinal);
            default:
                return StepPending(state, input, out next);
        }
    }

    /// <inheritdoc/>
    public override bool StepPending(string state, KvInput input, out string next)
    {
        ArgumentNullException.ThrowIfNull(input);
        next = input.Op switch
        {
            KvOp.Get => state,
            KvOp.Put => input.Value ?? string.Empty,
            KvOp.Append => state + input.Value,
            _ => throw new ArgumentOutOfRangeException(nameof(input), input.Op, "Op must be Get, Put or Append."),
        };
        return true;
    }

    /// <summary>Get is read-only.</summary>
    public override bool IsReadOnly(KvInput input) => input?.Op == KvOp.Get;

    /// <inheritdoc/>
    public override IEqualityComparer<string> StateComparer => StringComparer.Ordinal;

    /// <summary>One partition per key, named <c>key 'k'</c>, in ordinal key order.</summary>
    /// <exception cref="ArgumentException">An operation or its input or key is null.</exception>
    public override IEnumerable<(string Name, IReadOnlyList<Operation<KvInput, KvOutput>> Operations)> Partition(
        IReadOnlyList<Operation<KvInput, KvOutput>> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var byKey = new SortedDictionary<string, List<Operation<KvInput, KvOutput>>>(StringComparer.Ordinal);
        foreach (var operation in history)
        {
            var key = operation?.Input?.Key
                ?? throw new ArgumentException("Every operation needs an input with a non-null key.", nameof(history));
            if (!byKey.TryGetValue(key, out var list))
            {
                byKey[key] = list = [];
            }

            list.Add(operation);
        }

        return byKey.Select(pair => ($"key '{pair.Key}'", (IReadOnlyList<Operation<KvInput, KvOutput>>)pair.Value));
    }

    /// <inheritdoc/>
    public override string Describe(KvInput input, KvOutput? output)
    {
        ArgumentNullException.ThrowIfNull(input);
        var call = input.Op == KvOp.Get
            ? $"Get({input.Key})"
            : string.Create(CultureInfo.InvariantCulture, $"{input.Op}({input.Key}, \"{input.Value}\")");
        return input.Op != KvOp.Get ? call
            : output is null ? $"{call} -> (pending)"
            : $"{call} -> \"{output.Value}\"";
    }

    /// <inheritdoc/>
    public override string DescribeState(string state) => $"\"{state}\"";
}
