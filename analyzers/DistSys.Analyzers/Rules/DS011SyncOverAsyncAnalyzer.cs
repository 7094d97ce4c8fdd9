using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace DistSys.Analyzers;

/// <summary>DS011: blocking on a task (.Result, .Wait(), GetAwaiter().GetResult()) inside an async method.</summary>
public sealed class DS011SyncOverAsyncAnalyzer : DsAnalyzer
{
    public const string Id = "DS011";

    internal static readonly DiagnosticDescriptor Descriptor = RuleDescriptors.Create(
        Id,
        "Blocking on a task inside an async method",
        "'{0}' blocks inside an async method: it holds a thread while waiting and can deadlock; await the task instead",
        RuleDescriptors.ConcurrencyCategory,
        "Inside an async method a task should be awaited. Blocking on it wastes a thread, starves the thread pool under "
        + "load and deadlocks when the task needs the blocked context to finish.");

    internal override DiagnosticDescriptor Rule => Descriptor;

    internal override void Register(CompilationStartAnalysisContext context, KnownTypes types)
    {
        if (types.Task is null)
        {
            return;
        }
        context.RegisterOperationAction(
            c =>
            {
                var task = BlockedOnTask(c.Operation, types);
                if (task is null || !Functions.IsInAsyncFunction(c.Operation, c.ContainingSymbol) || IsKnownComplete(task, c.Operation, types))
                {
                    return;
                }
                c.ReportDiagnostic(Diagnostic.Create(Descriptor, c.Operation.Syntax.GetLocation(), c.Operation.Syntax.ToString()));
            },
            OperationKind.Invocation,
            OperationKind.PropertyReference);
    }

    /// <summary>The task a blocking call waits for: t in t.Result, t.Wait(), t.GetAwaiter().GetResult().</summary>
    internal static IOperation? BlockedOnTask(IOperation operation, KnownTypes types)
    {
        switch (operation)
        {
            case IPropertyReferenceOperation { Property.Name: "Result", Instance: { } instance } property
                when KnownTypes.IsOrDerivesFrom(property.Property.ContainingType, types.TaskOfT) || KnownTypes.Is(property.Property.ContainingType, types.ValueTaskOfT):
                return instance;
            case IInvocationOperation { TargetMethod.Name: "Wait", Instance: { } instance } wait
                when KnownTypes.IsOrDerivesFrom(wait.TargetMethod.ContainingType, types.Task):
                return instance;
            case IInvocationOperation { TargetMethod.Name: "GetResult", Instance: IInvocationOperation { TargetMethod.Name: "GetAwaiter", Instance: { } awaited } } getResult
                when types.IsAwaiter(getResult.TargetMethod.ContainingType):
                return awaited is IInvocationOperation { TargetMethod.Name: "ConfigureAwait", Instance: { } configured } ? configured : awaited;
            default:
                return null;
        }
    }

    /// <summary>Tasks that are surely finished: awaited (directly or through WhenAll/WhenAny) or checked earlier, or
    /// built complete.</summary>
    private static bool IsKnownComplete(IOperation task, IOperation blockingCall, KnownTypes types)
    {
        var value = OperationFacts.WithoutConversions(task);
        if (value is IAwaitOperation)
        {
            return true;
        }
        if ((value is IInvocationOperation { TargetMethod.Name: "FromResult" or "FromException" or "FromCanceled" } invocation
                && KnownTypes.Is(invocation.TargetMethod.ContainingType, types.Task))
            || (value is IPropertyReferenceOperation { Property.Name: "CompletedTask" } property && KnownTypes.Is(property.Property.ContainingType, types.Task)))
        {
            return true;
        }
        var mentioned = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        foreach (var operation in OperationFacts.DescendantsAndSelf(value))
        {
            if (OperationFacts.ReferencedVariable(operation) is { } variable)
            {
                mentioned.Add(variable);
                AddForEachSource(variable, blockingCall, mentioned);
                if (IsInitializedByAwait(variable))
                {
                    return true;
                }
            }
        }
        if (mentioned.Count == 0)
        {
            return false;
        }
        var position = blockingCall.Syntax.SpanStart;
        foreach (var operation in OperationFacts.DescendantsAndSelf(OperationFacts.Root(blockingCall)))
        {
            if (operation.Syntax.SpanStart >= position)
            {
                continue;
            }
            var completes = operation is IAwaitOperation
                || operation is IPropertyReferenceOperation { Property.Name: "IsCompleted" or "IsCompletedSuccessfully" or "IsFaulted" or "IsCanceled" or "Status" };
            if (!completes)
            {
                continue;
            }
            foreach (var inner in OperationFacts.DescendantsAndSelf(operation))
            {
                if (OperationFacts.ReferencedVariable(inner) is { } variable && mentioned.Contains(variable))
                {
                    return true;
                }
            }
        }
        return false;
    }

    /// <summary>For <c>foreach (var t in tasks)</c>, awaiting <c>tasks</c> completes <c>t</c>.</summary>
    private static void AddForEachSource(ISymbol variable, IOperation anchor, HashSet<ISymbol> mentioned)
    {
        for (var current = anchor.Parent; current is not null; current = current.Parent)
        {
            if (current is IForEachLoopOperation loop && variable is ILocalSymbol local && loop.Locals.Contains(local))
            {
                foreach (var inner in OperationFacts.DescendantsAndSelf(loop.Collection))
                {
                    if (OperationFacts.ReferencedVariable(inner) is { } source)
                    {
                        mentioned.Add(source);
                    }
                }
            }
        }
    }

    /// <summary><c>var winner = await Task.WhenAny(a, b);</c>: the local holds a finished task.</summary>
    private static bool IsInitializedByAwait(ISymbol variable)
    {
        if (variable is not ILocalSymbol local)
        {
            return false;
        }
        foreach (var reference in local.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax() is VariableDeclaratorSyntax { Initializer.Value: AwaitExpressionSyntax })
            {
                return true;
            }
        }
        return false;
    }
}
