using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace DistSys.Analyzers;

/// <summary>DS006: Thread.Sleep used to wait for something (polling in a loop) or inside async code.</summary>
public sealed class DS006SleepSynchronizationAnalyzer : DsAnalyzer
{
    public const string Id = "DS006";

    internal const string InAsyncProperty = "InAsync";

    internal static readonly DiagnosticDescriptor Descriptor = RuleDescriptors.Create(
        Id,
        "Thread.Sleep used for synchronization",
        "Thread.Sleep {0}",
        RuleDescriptors.ConcurrencyCategory,
        "Sleeping in a loop until a condition holds wastes a thread, adds latency and races with the condition; sleeping in "
        + "async code blocks a thread-pool thread. Wait on a signal, or await Task.Delay in async code.");

    internal override DiagnosticDescriptor Rule => Descriptor;

    internal override void Register(CompilationStartAnalysisContext context, KnownTypes types)
    {
        if (types.Thread is null)
        {
            return;
        }
        context.RegisterOperationAction(
            c =>
            {
                var invocation = (IInvocationOperation)c.Operation;
                if (!OperationFacts.IsCallTo(invocation, types.Thread, "Sleep"))
                {
                    return;
                }
                if (Functions.IsInAsyncFunction(invocation, c.ContainingSymbol))
                {
                    var properties = System.Collections.Immutable.ImmutableDictionary<string, string?>.Empty.Add(InAsyncProperty, "true");
                    c.ReportDiagnostic(Diagnostic.Create(Descriptor, invocation.Syntax.GetLocation(), properties,
                        "in an async method blocks a thread-pool thread; await Task.Delay instead"));
                }
                else if (OperationFacts.IsInsideLoop(invocation))
                {
                    c.ReportDiagnostic(Diagnostic.Create(Descriptor, invocation.Syntax.GetLocation(),
                        "in a loop polls for a condition; wait on a signal (SemaphoreSlim, TaskCompletionSource, Monitor.Wait) instead"));
                }
            },
            OperationKind.Invocation);
    }
}
