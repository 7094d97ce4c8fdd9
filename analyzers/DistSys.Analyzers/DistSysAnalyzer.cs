using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace DistSys.Analyzers;

/// <summary>
/// The one analyzer the compiler loads: it hosts all eighteen DS rules. Each rule is its own class (and can run alone,
/// as the tests do), but the compiler's per-analyzer bookkeeping costs as much as the rules themselves, so builds pay
/// it once instead of eighteen times. The framework types are resolved once per compilation for all rules.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class DistSysAnalyzer : DiagnosticAnalyzer
{
    private readonly ImmutableArray<DsAnalyzer> _rules = ImmutableArray.Create<DsAnalyzer>(
        new DS001InconsistentLockingAnalyzer(),
        new DS002NonAtomicUpdateAnalyzer(),
        new DS003PublicLockObjectAnalyzer(),
        new DS004MutableLockFieldAnalyzer(),
        new DS005WallClockDurationAnalyzer(),
        new DS006SleepSynchronizationAnalyzer(),
        new DS007UnseededRandomAnalyzer(),
        new DS008BlockingUnderLockAnalyzer(),
        new DS009LockOrderAnalyzer(),
        new DS010AsyncVoidAnalyzer(),
        new DS011SyncOverAsyncAnalyzer(),
        new DS012DoubleCheckedLockingAnalyzer(),
        new DS013UnsafeCollectionMutationAnalyzer(),
        new DS014UnpairedMonitorEnterAnalyzer(),
        new DS015HoistableStopFlagAnalyzer(),
        new DS016UnstableHashPlacementAnalyzer(),
        new DS017SimulatedNodeNondeterminismAnalyzer(),
        new DS018ConstructorStartsThreadAnalyzer());

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => _rules.Select(rule => rule.Rule).ToImmutableArray();

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            var types = KnownTypes.From(start.Compilation);
            foreach (var rule in _rules)
            {
                rule.Register(start, types);
            }
        });
    }
}
