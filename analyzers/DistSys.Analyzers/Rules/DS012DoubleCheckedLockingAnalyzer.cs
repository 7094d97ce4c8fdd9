using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace DistSys.Analyzers;

/// <summary>DS012: double-checked locking whose fast path reads a field that is not volatile.</summary>
public sealed class DS012DoubleCheckedLockingAnalyzer : DsAnalyzer
{
    public const string Id = "DS012";

    internal static readonly DiagnosticDescriptor Descriptor = RuleDescriptors.Create(
        Id,
        "Double-checked locking on a field that is not volatile",
        "Double-checked locking on '{0}', which is not volatile: another thread can see the field set before the object it points to is fully built; make it volatile or use Lazy<T>",
        RuleDescriptors.ConcurrencyCategory,
        "The unlocked first check can observe the write to the field before the writes that initialised the object "
        + "(on weak memory models, or after JIT reordering). A volatile field, Volatile.Read, or Lazy<T> orders them.");

    internal override DiagnosticDescriptor Rule => Descriptor;

    internal override void Register(CompilationStartAnalysisContext context, KnownTypes types)
    {
        context.RegisterOperationAction(
            c =>
            {
                var lockOperation = (ILockOperation)c.Operation;
                foreach (var field in FieldsInitializedUnderCheck(lockOperation).Distinct<IFieldSymbol>(SymbolEqualityComparer.Default))
                {
                    if (field.IsVolatile)
                    {
                        continue;
                    }
                    var fastPathRead = UnlockedCheck(lockOperation, field, types);
                    if (fastPathRead is not null)
                    {
                        c.ReportDiagnostic(Diagnostic.Create(Descriptor, fastPathRead.Syntax.GetLocation(), field.Name));
                    }
                }
            },
            OperationKind.Lock);
    }

    /// <summary>Fields that the lock body checks and then assigns: <c>if (f == null) f = ...</c> or <c>f ??= ...</c>.</summary>
    private static System.Collections.Generic.IEnumerable<IFieldSymbol> FieldsInitializedUnderCheck(ILockOperation lockOperation)
    {
        foreach (var operation in OperationFacts.DescendantsAndSelf(lockOperation.Body))
        {
            if (operation is ICoalesceAssignmentOperation { Target: IFieldReferenceOperation coalesced })
            {
                yield return coalesced.Field.OriginalDefinition;
            }
            if (operation is not IConditionalOperation conditional)
            {
                continue;
            }
            foreach (var checkedField in ReadFields(conditional.Condition))
            {
                if (OperationFacts.DescendantsAndSelf(conditional.WhenTrue).Any(o => o is IFieldReferenceOperation write
                        && SymbolEqualityComparer.Default.Equals(write.Field.OriginalDefinition, checkedField) && OperationFacts.IsWrite(write)))
                {
                    yield return checkedField;
                }
            }
        }
    }

    /// <summary>The plain (not Volatile.Read) read of the field in a check made before taking the lock: an enclosing
    /// if whose true branch takes the lock, or an earlier if in the same block that returns.</summary>
    private static IOperation? UnlockedCheck(ILockOperation lockOperation, IFieldSymbol field, KnownTypes types)
    {
        IOperation child = lockOperation;
        for (var current = lockOperation.Parent; current is not null; child = current, current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return null;
            }
            if (current is IConditionalOperation enclosing && child == enclosing.WhenTrue)
            {
                var read = PlainRead(enclosing.Condition, field, types);
                if (read is not null)
                {
                    return read;
                }
            }
            if (current is IBlockOperation block)
            {
                foreach (var statement in block.Operations)
                {
                    if (statement == child)
                    {
                        break;
                    }
                    if (statement is IConditionalOperation early && OperationFacts.DescendantsAndSelf(early.WhenTrue).Any(o => o is IReturnOperation))
                    {
                        var read = PlainRead(early.Condition, field, types);
                        if (read is not null)
                        {
                            return read;
                        }
                    }
                }
            }
        }
        return null;
    }

    private static IOperation? PlainRead(IOperation condition, IFieldSymbol field, KnownTypes types) =>
        OperationFacts.DescendantsAndSelf(condition).OfType<IFieldReferenceOperation>()
            .Where(r => SymbolEqualityComparer.Default.Equals(r.Field.OriginalDefinition, field))
            .Where(r => !(r.Parent is IArgumentOperation { Parent: IInvocationOperation invocation }
                && (KnownTypes.Is(invocation.TargetMethod.ContainingType, types.Volatile) || KnownTypes.Is(invocation.TargetMethod.ContainingType, types.Interlocked))))
            .OrderBy(r => r.Syntax.SpanStart)
            .FirstOrDefault();

    private static System.Collections.Generic.IEnumerable<IFieldSymbol> ReadFields(IOperation condition) =>
        OperationFacts.DescendantsAndSelf(condition).OfType<IFieldReferenceOperation>().Select(r => r.Field.OriginalDefinition);
}
