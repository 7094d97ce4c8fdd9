namespace DistSys.Analyzers.Runner.AllowList;

/// <summary>
/// The ids of the allow-list, one per technique a student could use to step outside the exercise, and the reasons given
/// for what the checker refuses from the syntax alone (the other reasons come from grader/allowed-apis.yaml).
/// </summary>
public static class AllowListRules
{
    /// <summary>Reflection: System.Reflection, <see cref="Type"/> members beyond name and equality, Activator.</summary>
    public const string Reflection = "DS100";

    /// <summary>Assembly loading, AppDomain, AppContext.</summary>
    public const string AssemblyLoading = "DS101";

    /// <summary><c>dynamic</c>, expression-tree compilation, Delegate.CreateDelegate/DynamicInvoke, Reflection.Emit.</summary>
    public const string DynamicCode = "DS102";

    /// <summary><c>unsafe</c>, pointers, <c>fixed</c>, <c>extern</c>, P/Invoke, Marshal, Unsafe, UnsafeAccessor.</summary>
    public const string UnsafeCode = "DS103";

    /// <summary>Processes, Environment (exit, variables, command line), Debug/Trace.</summary>
    public const string ProcessEnvironment = "DS104";

    /// <summary>The console and its streams.</summary>
    public const string Console = "DS105";

    /// <summary>Files, directories, sockets, HTTP.</summary>
    public const string FilesAndNetwork = "DS106";

    /// <summary>[ModuleInitializer], assembly- and module-level attributes, finalizers.</summary>
    public const string RuntimeHooks = "DS107";

    /// <summary>NUnit, the kit's test support, the grader and its hosting.</summary>
    public const string TestInfrastructure = "DS108";

    /// <summary>Types declared outside the exercise's namespace.</summary>
    public const string ForeignNamespace = "DS109";

    /// <summary>Anything else not on the exercise's allow-list.</summary>
    public const string NotAllowed = AllowListPolicy.NotAllowedId;

    /// <summary>Every id, in order.</summary>
    public static IReadOnlyList<string> Ids { get; } =
        [Reflection, AssemblyLoading, DynamicCode, UnsafeCode, ProcessEnvironment, Console, FilesAndNetwork, RuntimeHooks, TestInfrastructure, ForeignNamespace, NotAllowed];

    internal const string UnsafeReason = "unsafe code can read and write any memory of the test process";
    internal const string DynamicReason = "late binding escapes the allow-list checks";
    internal const string TypedReferenceReason = "untyped references bypass type safety";
    internal const string AssemblyAttributeReason = "assembly- and module-level attributes change how the exercise is loaded and tested";
    internal const string FinalizerReason = "a finalizer runs on the runtime's finalizer thread, outside any test";
    internal const string TestInfrastructureReason = "the test framework, the kit's test support and the grader are not part of the exercise";
    internal const string ExternAliasReason = "extern aliases reach assemblies the exercise does not reference";
}
