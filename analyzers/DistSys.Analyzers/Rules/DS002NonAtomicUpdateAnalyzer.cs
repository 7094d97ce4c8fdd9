using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace DistSys.Analyzers;

/// <summary>DS002: ++, --, += (or x = x + ...) on a variable that several threads update.</summary>
public sealed class DS002NonAtomicUpdateAnalyzer : DsAnalyzer
{
    public const string Id = "DS002";

    internal static readonly DiagnosticDescriptor Descriptor = RuleDescriptors.Create(
        Id,
        "Non-atomic read-modify-write of shared state",
        "'{0}' is a read-modify-write, not atomic, and {1}: concurrent updates get lost; use Interlocked or a lock",
        RuleDescriptors.ConcurrencyCategory,
        "x++ reads x, adds one and writes it back. Two threads doing it at once can both read the same value, and one "
        + "increment disappears. Interlocked.Increment/Add make the update atomic.");

    internal override DiagnosticDescriptor Rule => Descriptor;

    private sealed record Write(ISymbol Variable, IOperation Operation, bool IsReadModifyWrite, bool Locked,
        IAnonymousFunctionOperation? Delegate, ThreadDelegateKind Kind, IOperation? Starter);

    internal override void Register(CompilationStartAnalysisContext context, KnownTypes types)
    {
        context.RegisterSymbolStartAction(
            start =>
            {
                if (!SyntaxHints.Mentions((INamedTypeSymbol)start.Symbol, SyntaxHints.ThreadingNames, types.ThreadHelpers.Names, lockKeyword: false, volatileKeyword: true, start.CancellationToken))
                {
                    return;
                }
                var writes = new ConcurrentBag<Write>();
                var atomic = new ConcurrentDictionary<ISymbol, bool>(SymbolEqualityComparer.Default);
                var lockedFields = new ConcurrentDictionary<ISymbol, bool>(SymbolEqualityComparer.Default);
                start.RegisterOperationAction(
                    c =>
                    {
                        var variable = SharedVariable(c.Operation);
                        if (variable is null)
                        {
                            return;
                        }
                        if (variable is IFieldSymbol && Locks.IsHeld(c.Operation, types, withinFunction: false))
                        {
                            lockedFields[variable] = true;
                        }
                        if (c.Operation.Parent is IArgumentOperation { Parent: IInvocationOperation invocation }
                            && (KnownTypes.Is(invocation.TargetMethod.ContainingType, types.Interlocked) || KnownTypes.Is(invocation.TargetMethod.ContainingType, types.Volatile)))
                        {
                            atomic[variable] = true;
                            return;
                        }
                        if (!OperationFacts.IsWrite(c.Operation) || LockedCallers.IsConstructor(c.ContainingSymbol))
                        {
                            return;
                        }
                        var update = ReadModifyWrite(c.Operation, variable);
                        var (threadDelegate, kind) = ThreadDelegates.EnclosingThreadDelegate(c.Operation, types);
                        IOperation? starter = null;
                        if (threadDelegate is not null)
                        {
                            ThreadDelegates.Classify(threadDelegate, types, out starter);
                            if (ThreadDelegates.IsDeclaredInside(variable, threadDelegate))
                            {
                                return;
                            }
                        }
                        writes.Add(new Write(variable, update ?? c.Operation, update is not null,
                            Locks.IsHeld(c.Operation, types, withinFunction: true), threadDelegate, kind, starter));
                    },
                    OperationKind.FieldReference,
                    OperationKind.LocalReference,
                    OperationKind.ParameterReference);
                start.RegisterSymbolEndAction(end =>
                {
                    foreach (var byVariable in writes.GroupBy(w => w.Variable, SymbolEqualityComparer.Default))
                    {
                        var variable = byVariable.Key!;
                        if (lockedFields.ContainsKey(variable))
                        {
                            continue; // DS001 covers fields that are locked somewhere.
                        }
                        var all = byVariable.ToList();
                        foreach (var write in all.Where(w => w.IsReadModifyWrite && !w.Locked).OrderBy(w => w.Operation.Syntax.SpanStart))
                        {
                            var reason = Reason(write, all, atomic.ContainsKey(variable), types);
                            if (reason is not null)
                            {
                                end.ReportDiagnostic(Diagnostic.Create(Descriptor, write.Operation.Syntax.GetLocation(), write.Operation.Syntax.ToString(), reason));
                            }
                        }
                    }
                });
            },
            SymbolKind.NamedType);
    }

    private static string? Reason(Write write, List<Write> all, bool usedAtomically, KnownTypes types)
    {
        var name = write.Variable.Name;
        if (write.Kind == ThreadDelegateKind.ConcurrentWithItself && !ThreadDelegates.IsPerIteration(write.Variable, write.Starter))
        {
            return "it runs in a delegate that runs on several threads at once";
        }
        if (usedAtomically)
        {
            return $"'{name}' is also updated with Interlocked or Volatile elsewhere, so it is meant to be shared";
        }
        if (write.Variable is IFieldSymbol { IsVolatile: true })
        {
            return $"'{name}' is volatile, which makes reads fresh but does not make updates atomic";
        }
        foreach (var other in all)
        {
            if (other == write)
            {
                continue;
            }
            if ((write.Delegate is not null && other.Delegate != write.Delegate && Sharing.MayRunConcurrently(other.Operation, write.Delegate, write.Starter, types))
                || (other.Delegate is not null && other.Delegate != write.Delegate && Sharing.MayRunConcurrently(write.Operation, other.Delegate, other.Starter, types)))
            {
                return $"'{name}' is also written on another thread";
            }
        }
        return null;
    }

    /// <summary>Fields of this object or static fields, locals and parameters: the variables threads can share.</summary>
    private static ISymbol? SharedVariable(IOperation operation) => operation switch
    {
        IFieldReferenceOperation { Instance: null or IInstanceReferenceOperation, Field.IsConst: false } field => field.Field.OriginalDefinition,
        ILocalReferenceOperation local => local.Local,
        IParameterReferenceOperation parameter => parameter.Parameter,
        _ => null,
    };

    /// <summary>The ++, --, compound assignment or x = x op y that writes the reference, if it is one.</summary>
    internal static IOperation? ReadModifyWrite(IOperation reference, ISymbol variable)
    {
        switch (reference.Parent)
        {
            case IIncrementOrDecrementOperation increment:
                return increment;
            case ICompoundAssignmentOperation compound when compound.Target == reference:
                return compound;
            case ISimpleAssignmentOperation assignment when assignment.Target == reference
                && OperationFacts.WithoutConversions(assignment.Value) is IBinaryOperation binary
                && (SymbolEqualityComparer.Default.Equals(OperationFacts.ReferencedVariable(binary.LeftOperand), variable)
                    || SymbolEqualityComparer.Default.Equals(OperationFacts.ReferencedVariable(binary.RightOperand), variable)):
                return assignment;
            default:
                return null;
        }
    }
}
