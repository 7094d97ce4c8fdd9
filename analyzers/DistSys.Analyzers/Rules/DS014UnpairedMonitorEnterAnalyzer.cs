using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace DistSys.Analyzers;

/// <summary>DS014: Monitor.Enter without a Monitor.Exit in a finally block of the same method.</summary>
public sealed class DS014UnpairedMonitorEnterAnalyzer : DsAnalyzer
{
    public const string Id = "DS014";

    internal static readonly DiagnosticDescriptor Descriptor = RuleDescriptors.Create(
        Id,
        "Monitor.Enter without Monitor.Exit in a finally",
        "Monitor.Enter({0}) has no Monitor.Exit({0}) in a finally block of this method: an exception leaves the lock held forever; use a lock statement",
        RuleDescriptors.ConcurrencyCategory,
        "If anything between Enter and Exit throws, a lock released outside a finally block stays held and every other "
        + "thread that wants it blocks forever.");

    internal override DiagnosticDescriptor Rule => Descriptor;

    internal override void Register(CompilationStartAnalysisContext context, KnownTypes types)
    {
        if (types.Monitor is null)
        {
            return;
        }
        context.RegisterOperationAction(
            c =>
            {
                var enter = (IInvocationOperation)c.Operation;
                if (!OperationFacts.IsCallTo(enter, types.Monitor, "Enter", "TryEnter") || enter.Arguments.Length == 0)
                {
                    return;
                }
                var lockedObject = enter.Arguments[0].Value;
                if (!HasExitInFinally(OperationFacts.FunctionBody(enter), lockedObject, types))
                {
                    c.ReportDiagnostic(Diagnostic.Create(Descriptor, enter.Syntax.GetLocation(), OperationFacts.WithoutConversions(lockedObject).Syntax.ToString()));
                }
            },
            OperationKind.Invocation);
    }

    private static bool HasExitInFinally(IOperation body, IOperation lockedObject, KnownTypes types)
    {
        foreach (var operation in OperationFacts.DescendantsAndSelf(body))
        {
            if (operation is not ITryOperation { Finally: { } finallyBlock })
            {
                continue;
            }
            foreach (var inner in OperationFacts.DescendantsAndSelf(finallyBlock))
            {
                if (inner is IInvocationOperation exit && OperationFacts.IsCallTo(exit, types.Monitor, "Exit")
                    && exit.Arguments.Length == 1 && SameObject(exit.Arguments[0].Value, lockedObject))
                {
                    return true;
                }
            }
        }
        return false;
    }

    internal static bool SameObject(IOperation left, IOperation right)
    {
        var leftKey = LockKey.Of(left);
        if (leftKey is not null)
        {
            return leftKey.Equals(LockKey.Of(right));
        }
        return OperationFacts.WithoutConversions(left).Syntax.IsEquivalentTo(OperationFacts.WithoutConversions(right).Syntax);
    }
}
