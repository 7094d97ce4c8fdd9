namespace DistSys.VectorClocks;

/// <summary>
/// How two events (or the vector clocks that stamp them) are related under Lamport's happened-before relation.
/// It is given (it lives in Given/ and is shared with the reference); you do not need to change it.
/// </summary>
public enum Causality
{
    /// <summary>The first happened before the second: every entry is less than or equal, and at least one is less.</summary>
    Before,

    /// <summary>The first happened after the second: the mirror image of <see cref="Before"/>.</summary>
    After,

    /// <summary>The clocks are identical: the same event (or the same knowledge).</summary>
    Equal,

    /// <summary>Neither happened before the other: each clock has an entry greater than the other's.</summary>
    Concurrent,
}
