using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace DistSys.Analyzers;

/// <summary>DS009: the same two locks taken in opposite orders within one type.</summary>
public sealed class DS009LockOrderAnalyzer : DsAnalyzer
{
    public const string Id = "DS009";

    internal static readonly DiagnosticDescriptor Descriptor = RuleDescriptors.Create(
        Id,
        "Inconsistent lock order",
        "'{1}' is locked while holding '{0}', but elsewhere in this type '{0}' is locked while holding '{1}': two threads doing both deadlock; always take them in one order",
        RuleDescriptors.ConcurrencyCategory,
        "Thread 1 holds A and waits for B while thread 2 holds B and waits for A: neither ever continues. Taking nested "
        + "locks in one global order makes this impossible.");

    internal override DiagnosticDescriptor Rule => Descriptor;

    private sealed record Nesting(LockKey Outer, LockKey Inner, Location Location);

    private sealed record CallUnderLock(LockKey Outer, IMethodSymbol Callee, Location Location);

    internal override void Register(CompilationStartAnalysisContext context, KnownTypes types)
    {
        context.RegisterSymbolStartAction(
            start =>
            {
                if (!SyntaxHints.Mentions((INamedTypeSymbol)start.Symbol, names: null, lockKeyword: true, volatileKeyword: false, start.CancellationToken))
                {
                    return;
                }
                var nestings = new ConcurrentBag<Nesting>();
                var calls = new ConcurrentBag<CallUnderLock>();
                var acquired = new ConcurrentDictionary<IMethodSymbol, ConcurrentDictionary<LockKey, bool>>(SymbolEqualityComparer.Default);
                start.RegisterOperationAction(
                    c =>
                    {
                        var lockOperation = (ILockOperation)c.Operation;
                        var inner = LockKey.Of(lockOperation.LockedValue);
                        if (inner is null)
                        {
                            return;
                        }
                        if (c.ContainingSymbol is IMethodSymbol method && OperationFacts.EnclosingFunction(lockOperation) is null)
                        {
                            acquired.GetOrAdd(method, _ => new ConcurrentDictionary<LockKey, bool>())[inner] = true;
                        }
                        foreach (var outer in LexicalLocks(lockOperation))
                        {
                            if (!outer.Equals(inner))
                            {
                                nestings.Add(new Nesting(outer, inner, lockOperation.LockedValue.Syntax.GetLocation()));
                            }
                        }
                    },
                    OperationKind.Lock);
                start.RegisterOperationAction(
                    c =>
                    {
                        var invocation = (IInvocationOperation)c.Operation;
                        if (!SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType.OriginalDefinition, start.Symbol)
                            || (invocation.Instance is not null and not IInstanceReferenceOperation))
                        {
                            return;
                        }
                        foreach (var outer in LexicalLocks(invocation))
                        {
                            calls.Add(new CallUnderLock(outer, invocation.TargetMethod.OriginalDefinition, invocation.Syntax.GetLocation()));
                        }
                    },
                    OperationKind.Invocation);
                start.RegisterSymbolEndAction(
                    end =>
                    {
                        var all = nestings.ToList();
                        foreach (var call in calls)
                        {
                            if (acquired.TryGetValue(call.Callee, out var keys))
                            {
                                all.AddRange(keys.Keys.Where(k => !k.Equals(call.Outer)).Select(k => new Nesting(call.Outer, k, call.Location)));
                            }
                        }
                        var orders = new HashSet<(LockKey, LockKey)>(all.Select(n => (n.Outer, n.Inner)));
                        var reported = new HashSet<Location>();
                        foreach (var nesting in all.OrderBy(n => n.Location.SourceSpan.Start))
                        {
                            if (orders.Contains((nesting.Inner, nesting.Outer)) && reported.Add(nesting.Location))
                            {
                                end.ReportDiagnostic(Diagnostic.Create(Descriptor, nesting.Location, nesting.Outer.ToString(), nesting.Inner.ToString()));
                            }
                        }
                    });
            },
            SymbolKind.NamedType);
    }

    /// <summary>The keys of the lock statements around the operation in the same function, innermost first.</summary>
    private static IEnumerable<LockKey> LexicalLocks(IOperation operation)
    {
        var child = operation;
        for (var current = operation.Parent; current is not null; child = current, current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                yield break;
            }
            if (current is ILockOperation outer && child != outer.LockedValue && LockKey.Of(outer.LockedValue) is { } key)
            {
                yield return key;
            }
        }
    }
}
