namespace DistSys.Testing.Linearizability;

/// <summary>What the checker decided.</summary>
public enum LinearizabilityOutcome
{
    /// <summary>Every partition has a linearization.</summary>
    Linearizable,

    /// <summary>Some partition has none; <see cref="LinearizabilityResult.Explanation"/> says which and why.</summary>
    NotLinearizable,

    /// <summary>The time budget ran out before the search finished.</summary>
    Unknown,
}

/// <summary>The checker's verdict with an explanation readable in a test failure message.</summary>
public sealed class LinearizabilityResult
{
    internal LinearizabilityResult(
        LinearizabilityOutcome outcome,
        string explanation,
        string? partition = null,
        IReadOnlyList<string>? linearizablePrefix = null,
        IReadOnlyList<string>? unplaced = null)
    {
        Outcome = outcome;
        Explanation = explanation;
        Partition = partition;
        LinearizablePrefix = linearizablePrefix ?? [];
        Unplaced = unplaced ?? [];
    }

    /// <summary>Linearizable, not linearizable, or unknown (budget exhausted).</summary>
    public LinearizabilityOutcome Outcome { get; }

    /// <summary>True only if a linearization was found for every partition.</summary>
    public bool IsLinearizable => Outcome == LinearizabilityOutcome.Linearizable;

    /// <summary>A multi-line explanation: the verdict; on failure the partition, the longest linearizable prefix and
    /// the operations that could not be placed after it.</summary>
    public string Explanation { get; }

    /// <summary>The partition that failed (or ran out of budget); null when linearizable.</summary>
    public string? Partition { get; }

    /// <summary>On failure: the longest prefix of the failing partition that has a linearization, one described
    /// operation per entry, in linearization order.</summary>
    public IReadOnlyList<string> LinearizablePrefix { get; }

    /// <summary>On failure: the operations none of which could be placed next after <see cref="LinearizablePrefix"/>.</summary>
    public IReadOnlyList<string> Unplaced { get; }

    /// <inheritdoc/>
    public override string ToString() => Explanation;
}
