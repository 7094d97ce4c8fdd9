using System.Collections.Concurrent;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace DistSys.Analyzers;

/// <summary>DS013: a List, Dictionary, HashSet... mutated without a lock from code that runs on other threads.</summary>
public sealed class DS013UnsafeCollectionMutationAnalyzer : DsAnalyzer
{
    public const string Id = "DS013";

    internal static readonly DiagnosticDescriptor Descriptor = RuleDescriptors.Create(
        Id,
        "Non-thread-safe collection mutated from several threads",
        "'{0}' mutates a {1} from another thread without a lock while {2}: the collection can lose items, throw or loop forever; lock around it or use a System.Collections.Concurrent type",
        RuleDescriptors.ConcurrencyCategory,
        "List, Dictionary, HashSet and the other System.Collections.Generic types assume one writer and no concurrent "
        + "readers. Concurrent mutation corrupts their internal arrays: lost items, exceptions, or an infinite loop in a lookup.");

    internal override DiagnosticDescriptor Rule => Descriptor;

    private sealed record Use(ISymbol Collection, IOperation Operation, bool IsUnlockedMutation, IAnonymousFunctionOperation? Delegate,
        ThreadDelegateKind Kind, IOperation? Starter);

    internal override void Register(CompilationStartAnalysisContext context, KnownTypes types)
    {
        context.RegisterSymbolStartAction(
            start =>
            {
                if (!SyntaxHints.Mentions((INamedTypeSymbol)start.Symbol, SyntaxHints.ThreadingNames, types.ThreadHelpers.Names, lockKeyword: false, volatileKeyword: false, start.CancellationToken))
                {
                    return;
                }
                var uses = new ConcurrentBag<Use>();
                start.RegisterOperationAction(
                    c =>
                    {
                        var reference = c.Operation;
                        if (!Sharing.IsUnsafeCollection(reference.Type) || LockedCallers.IsConstructor(c.ContainingSymbol))
                        {
                            return;
                        }
                        var collection = reference switch
                        {
                            IFieldReferenceOperation { Instance: null or IInstanceReferenceOperation } field => (ISymbol)field.Field.OriginalDefinition,
                            ILocalReferenceOperation local => local.Local,
                            IParameterReferenceOperation parameter => parameter.Parameter,
                            _ => null,
                        };
                        if (collection is null)
                        {
                            return;
                        }
                        var (threadDelegate, kind) = ThreadDelegates.EnclosingThreadDelegate(reference, types);
                        IOperation? starter = null;
                        if (threadDelegate is not null)
                        {
                            ThreadDelegates.Classify(threadDelegate, types, out starter);
                            if (ThreadDelegates.IsDeclaredInside(collection, threadDelegate))
                            {
                                return;
                            }
                        }
                        var mutation = threadDelegate is not null && IsMutation(reference) && !Locks.IsHeld(reference, types, withinFunction: true);
                        uses.Add(new Use(collection, reference, mutation, threadDelegate, kind, starter));
                    },
                    OperationKind.FieldReference,
                    OperationKind.LocalReference,
                    OperationKind.ParameterReference);
                start.RegisterSymbolEndAction(end =>
                {
                    foreach (var byCollection in uses.GroupBy(u => u.Collection, SymbolEqualityComparer.Default))
                    {
                        var all = byCollection.ToList();
                        foreach (var mutation in all.Where(u => u.IsUnlockedMutation).OrderBy(u => u.Operation.Syntax.SpanStart))
                        {
                            var why = mutation.Kind == ThreadDelegateKind.ConcurrentWithItself && !ThreadDelegates.IsPerIteration(mutation.Collection, mutation.Starter)
                                ? "the same code runs on several threads at once"
                                : all.Any(other => other.Delegate != mutation.Delegate
                                    && Sharing.MayRunConcurrently(other.Operation, mutation.Delegate!, mutation.Starter, types))
                                    ? "other code uses it at the same time"
                                    : null;
                            if (why is not null)
                            {
                                var consumer = OperationFacts.ConsumerOf(mutation.Operation) ?? mutation.Operation;
                                end.ReportDiagnostic(Diagnostic.Create(Descriptor, consumer.Syntax.GetLocation(), consumer.Syntax.ToString(),
                                    mutation.Operation.Type!.Name, why));
                            }
                        }
                    }
                });
            },
            SymbolKind.NamedType);
    }

    /// <summary>A mutating call (Add, Remove, Enqueue...) or a dictionary indexer write on the collection. List indexer
    /// writes are not structural, and writing distinct slots from several threads is a correct pattern.</summary>
    private static bool IsMutation(IOperation reference)
    {
        switch (OperationFacts.ConsumerOf(reference))
        {
            case IInvocationOperation invocation when invocation.Instance is not null && OperationFacts.WithoutConversions(invocation.Instance) == reference:
                return Sharing.IsCollectionMutation(invocation.TargetMethod);
            case IPropertyReferenceOperation { Property.IsIndexer: true } indexer when OperationFacts.WithoutConversions(indexer.Instance!) == reference:
                return OperationFacts.IsWrite(indexer) && reference.Type?.Name != "List";
            default:
                return false;
        }
    }
}
