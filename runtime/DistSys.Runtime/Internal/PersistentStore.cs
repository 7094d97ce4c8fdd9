using System.Diagnostics.CodeAnalysis;

namespace DistSys.Runtime;

/// <summary>A node's "disk": one instance per node for the whole simulation, handed to every incarnation.</summary>
internal sealed class PersistentStore(NodeId owner) : IPersistentStore
{
    private readonly SortedDictionary<string, object?> _values = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> Keys => _values.Keys;

    public void Put(string key, object? value)
    {
        ArgumentNullException.ThrowIfNull(key);
        _values[key] = value;
    }

    public bool TryGet<T>(string key, [MaybeNullWhen(false)] out T value)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!_values.TryGetValue(key, out object? stored))
        {
            value = default;
            return false;
        }

        switch (stored)
        {
            case T typed:
                value = typed;
                return true;
            case null when default(T) is null:
                value = default!;
                return true;
            default:
                throw new InvalidCastException(
                    $"Storage of node {owner}: key '{key}' holds {(stored is null ? "null" : "a " + stored.GetType().Name)}, not a {typeof(T).Name}.");
        }
    }

    public bool Remove(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return _values.Remove(key);
    }
}
