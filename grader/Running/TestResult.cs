namespace DistSys.Grader.Running;

/// <summary>The grader's verdict on one test.</summary>
internal sealed record TestResult(string Name, string Status, string? Message, long? DurationMs, string? Output)
{
    public bool Passed => Status == HostProtocol.Passed;

    /// <summary>
    /// What the test's simulations sent, as the suite process reported it (null: it ran none). That process runs the
    /// student's code, so these figures inform <c>grader compare</c> and never a score.
    /// </summary>
    public HostSimulationTotals? Simulation { get; init; }

    /// <summary>A hidden test (from the trusted catalog): student-facing reports conceal it unless the rubric reveals hidden tests.</summary>
    public bool Hidden { get; init; }

    /// <summary>The weight category the test counted in (set when scored with a catalog); null when every test weighs the same.</summary>
    public string? Category { get; init; }

    /// <summary>Where the test starts in the kit's source (from the trusted build's PDB), or null.</summary>
    public DistSys.Grader.Grading.SourceLocation? Source { get; init; }

    public static TestResult Failed(string name, string message) => new(name, HostProtocol.Failed, message, null, null);
}

/// <summary>Everything one suite reported, or why it could not report anything.</summary>
/// <param name="StartFailure">Set when the suite never listed its tests; no result is then meaningful.</param>
internal sealed record SuiteOutcome(IReadOnlyList<TestResult> Tests, string? StartFailure, int Restarts, TimeSpan Elapsed)
{
    /// <summary>Set when the suite process listed other tests than the kit's build has: its code changed the suite at run time.</summary>
    public string? ListingProblem { get; init; }

    /// <summary>Set when the suite process crashed and no test reproduced the crash when run alone: shown on the exercise, costs no test.</summary>
    public string? SuiteProblem { get; init; }
}
