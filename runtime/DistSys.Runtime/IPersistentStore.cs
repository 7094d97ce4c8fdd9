using System.Diagnostics.CodeAnalysis;

namespace DistSys.Runtime;

/// <summary>
/// A node's durable storage (think: its disk). It survives crashes and restarts; everything else a node holds is lost.
/// Writes are durable immediately. Store immutable values (records, strings, immutable collections): the store keeps
/// the object you give it, so mutating it afterwards would change "the disk" behind the simulation's back.
/// </summary>
public interface IPersistentStore
{
    /// <summary>Stores <paramref name="value"/> under <paramref name="key"/>, replacing any previous value.</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The value (may be null).</param>
    void Put(string key, object? value);

    /// <summary>Reads the value stored under <paramref name="key"/>.</summary>
    /// <typeparam name="T">The type the value was stored as.</typeparam>
    /// <param name="key">The key.</param>
    /// <param name="value">The value, or default when the key is absent.</param>
    /// <returns>True when the key is present.</returns>
    /// <exception cref="InvalidCastException">The stored value is not a <typeparamref name="T"/>.</exception>
    bool TryGet<T>(string key, [MaybeNullWhen(false)] out T value);

    /// <summary>Removes a key.</summary>
    /// <param name="key">The key.</param>
    /// <returns>True when the key was present.</returns>
    bool Remove(string key);

    /// <summary>The stored keys, in ordinal order.</summary>
    IReadOnlyCollection<string> Keys { get; }
}
