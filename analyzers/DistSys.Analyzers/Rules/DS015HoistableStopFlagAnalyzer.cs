using System.Collections.Concurrent;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace DistSys.Analyzers;

/// <summary>DS015: a loop that polls a plain bool field another member sets: the JIT may read it once and loop forever.</summary>
public sealed class DS015HoistableStopFlagAnalyzer : DsAnalyzer
{
    public const string Id = "DS015";

    internal static readonly DiagnosticDescriptor Descriptor = RuleDescriptors.Create(
        Id,
        "Stop flag the JIT may hoist out of the loop",
        "The loop condition reads '{0}', a bool field that '{1}' sets from another thread, without volatile, Volatile.Read or a lock: the JIT may read it once and never see the change; make it volatile or use a CancellationToken",
        RuleDescriptors.ConcurrencyCategory,
        "Nothing in a plain field read tells the JIT that another thread writes the field, so it may keep the value in a "
        + "register for the whole loop. The loop then never stops. volatile, Volatile.Read or a CancellationToken fix it.");

    internal override DiagnosticDescriptor Rule => Descriptor;

    private sealed record FlagRead(IFieldSymbol Field, ISymbol Member, IOperation? Function, Location Location);

    private sealed record FlagWrite(IFieldSymbol Field, ISymbol Member, IOperation? Function);

    internal override void Register(CompilationStartAnalysisContext context, KnownTypes types)
    {
        context.RegisterSymbolStartAction(
            start =>
            {
                var type = (INamedTypeSymbol)start.Symbol;
                var reads = new ConcurrentBag<FlagRead>();
                var writes = new ConcurrentBag<FlagWrite>();
                var synchronized = new ConcurrentDictionary<IFieldSymbol, bool>(SymbolEqualityComparer.Default);
                start.RegisterOperationAction(
                    c =>
                    {
                        var reference = (IFieldReferenceOperation)c.Operation;
                        var field = reference.Field.OriginalDefinition;
                        if (field.Type.SpecialType != SpecialType.System_Boolean || field.IsVolatile || field.IsConst
                            || !SymbolEqualityComparer.Default.Equals(field.ContainingType, type))
                        {
                            return;
                        }
                        if (reference.Parent is IArgumentOperation { Parent: IInvocationOperation invocation }
                            && (KnownTypes.Is(invocation.TargetMethod.ContainingType, types.Volatile) || KnownTypes.Is(invocation.TargetMethod.ContainingType, types.Interlocked)))
                        {
                            synchronized[field] = true;
                            return;
                        }
                        if (OperationFacts.IsWrite(reference))
                        {
                            if (!LockedCallers.IsConstructor(c.ContainingSymbol))
                            {
                                writes.Add(new FlagWrite(field, c.ContainingSymbol, OperationFacts.EnclosingFunction(reference)));
                            }
                            return;
                        }
                        if (IsPolledByLoop(reference) && !Locks.IsHeld(reference, types, withinFunction: true))
                        {
                            reads.Add(new FlagRead(field, c.ContainingSymbol, OperationFacts.EnclosingFunction(reference), reference.Syntax.GetLocation()));
                        }
                    },
                    OperationKind.FieldReference);
                start.RegisterSymbolEndAction(end =>
                {
                    foreach (var read in reads.OrderBy(r => r.Location.SourceSpan.Start))
                    {
                        if (synchronized.ContainsKey(read.Field))
                        {
                            continue;
                        }
                        var writer = writes.FirstOrDefault(w => SymbolEqualityComparer.Default.Equals(w.Field, read.Field)
                            && (!SymbolEqualityComparer.Default.Equals(w.Member, read.Member) || w.Function != read.Function));
                        if (writer is not null)
                        {
                            end.ReportDiagnostic(Diagnostic.Create(Descriptor, read.Location, read.Field.Name, writer.Member.Name));
                        }
                    }
                });
            },
            SymbolKind.NamedType);
    }

    /// <summary>True when the read is part of a while/do/for condition whose body has no await and takes no lock
    /// (both force the field to be read again).</summary>
    private static bool IsPolledByLoop(IOperation reference)
    {
        IOperation child = reference;
        for (var current = reference.Parent; current is not null; child = current, current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return false;
            }
            var condition = current switch
            {
                IWhileLoopOperation whileLoop => whileLoop.Condition,
                IForLoopOperation forLoop => forLoop.Condition,
                _ => null,
            };
            if (current is ILoopOperation loop)
            {
                return condition == child
                    && !OperationFacts.DescendantsAndSelf(loop.Body).Any(o => o is IAwaitOperation or ILockOperation);
            }
        }
        return false;
    }
}
