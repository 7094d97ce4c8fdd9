using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace DistSys.Analyzers;

/// <summary>
/// DS001: a field accessed under a lock in one member and without any lock in another. Like RacerD, a report needs
/// evidence that the author meant the field to be protected (a locked access) and a write somewhere after construction.
/// </summary>
public sealed class DS001InconsistentLockingAnalyzer : DsAnalyzer
{
    public const string Id = "DS001";

    internal static readonly DiagnosticDescriptor Descriptor = RuleDescriptors.Create(
        Id,
        "Inconsistent locking",
        "'{0}' is {1} here without a lock, but '{2}' accesses it under a lock: a thread here can see stale or half-updated state; take the same lock",
        RuleDescriptors.ConcurrencyCategory,
        "Locking protects shared state only if every access takes the lock. An access without it races with the locked "
        + "ones: reads see stale or torn values, writes get lost or corrupt the object.");

    internal override DiagnosticDescriptor Rule => Descriptor;

    private sealed record Access(IFieldSymbol Field, ISymbol Member, bool Locked, bool IsWrite, bool IsVolatileRead, Location Location);

    internal override void Register(CompilationStartAnalysisContext context, KnownTypes types)
    {
        context.RegisterSymbolStartAction(
            start =>
            {
                if (!SyntaxHints.Mentions((INamedTypeSymbol)start.Symbol, SyntaxHints.LockNames, lockKeyword: true, volatileKeyword: false, start.CancellationToken))
                {
                    return;
                }
                var type = (INamedTypeSymbol)start.Symbol;
                var accesses = new ConcurrentBag<Access>();
                var lockObjects = new ConcurrentDictionary<IFieldSymbol, bool>(SymbolEqualityComparer.Default);
                var calls = new ConcurrentBag<InternalCall>();
                start.RegisterOperationAction(
                    c =>
                    {
                        var reference = (IFieldReferenceOperation)c.Operation;
                        var field = reference.Field.OriginalDefinition;
                        if (field.IsConst || !SymbolEqualityComparer.Default.Equals(field.ContainingType, type)
                            || reference.Instance is not (null or IInstanceReferenceOperation))
                        {
                            return;
                        }
                        if (Locks.IsLockObjectUse(reference, types))
                        {
                            lockObjects[field] = true;
                            return;
                        }
                        if (LockedCallers.IsConstructor(c.ContainingSymbol))
                        {
                            return;
                        }
                        bool isWrite;
                        if (field.IsReadOnly)
                        {
                            // The reference never changes; what races is the state of the object it holds.
                            if (Sharing.IsThreadSafeType(field.Type) || !UsesHeldObject(reference, out isWrite))
                            {
                                return;
                            }
                        }
                        else
                        {
                            isWrite = OperationFacts.IsWrite(reference) || (UsesHeldObject(reference, out var mutates) && mutates);
                        }
                        var locked = Locks.IsHeld(reference, types, withinFunction: false) || IsAtomicAccess(reference, types);
                        accesses.Add(new Access(field, c.ContainingSymbol, locked, isWrite, field.IsVolatile && !isWrite, reference.Syntax.GetLocation()));
                    },
                    OperationKind.FieldReference);
                start.RegisterOperationAction(
                    c => RecordCall(c, type, types, calls),
                    OperationKind.Invocation,
                    OperationKind.MethodReference);
                start.RegisterSymbolEndAction(end => Report(end, accesses, lockObjects, calls));
            },
            SymbolKind.NamedType);
    }

    private static void RecordCall(OperationAnalysisContext context, INamedTypeSymbol type, KnownTypes types, ConcurrentBag<InternalCall> calls)
    {
        var (method, instance, isDelegate) = context.Operation switch
        {
            IInvocationOperation invocation => (invocation.TargetMethod, invocation.Instance, false),
            IMethodReferenceOperation reference => (reference.Method, reference.Instance, true),
            _ => (null, null, false),
        };
        if (method is null || !SymbolEqualityComparer.Default.Equals(method.ContainingType.OriginalDefinition, type)
            || instance is not (null or IInstanceReferenceOperation))
        {
            return;
        }
        // A method handed out as a delegate may run anywhere, so that call site never counts as locked.
        var underLock = !isDelegate && Locks.IsHeld(context.Operation, types, withinFunction: false);
        calls.Add(new InternalCall(context.ContainingSymbol, method.OriginalDefinition, underLock));
    }

    private static void Report(SymbolAnalysisContext context, IEnumerable<Access> all, ConcurrentDictionary<IFieldSymbol, bool> lockObjects,
        IEnumerable<InternalCall> calls)
    {
        var helpers = LockedCallers.HelpersAlwaysCalledUnderLock(calls);
        var calledInType = new HashSet<ISymbol>(calls.Select(c => (ISymbol)c.Callee), SymbolEqualityComparer.Default);
        foreach (var byField in all.GroupBy(a => a.Field, SymbolEqualityComparer.Default))
        {
            var field = (IFieldSymbol)byField.Key!;
            if (lockObjects.ContainsKey(field) || !byField.Any(a => a.IsWrite))
            {
                continue;
            }
            var accesses = byField.Select(a => a with { Locked = a.Locked || helpers.Contains(a.Member) || HasUnseenCallers(a.Member, calledInType) }).ToList();
            foreach (var unlocked in accesses.Where(a => !a.Locked && !a.IsVolatileRead).OrderBy(a => a.Location.SourceSpan.Start))
            {
                var lockedElsewhere = accesses.FirstOrDefault(a => a.Locked && !SymbolEqualityComparer.Default.Equals(a.Member, unlocked.Member));
                if (lockedElsewhere is not null)
                {
                    context.ReportDiagnostic(Diagnostic.Create(Descriptor, unlocked.Location, field.Name,
                        unlocked.IsWrite ? "written" : "read", MemberName(lockedElsewhere.Member)));
                }
            }
        }
    }

    /// <summary>
    /// A member only enclosing code can call (it or its type is private) that this type never calls itself: its callers
    /// live in the enclosing type and may well hold a lock. Not knowing, the rule stays silent about it.
    /// </summary>
    private static bool HasUnseenCallers(ISymbol member, HashSet<ISymbol> calledInType)
    {
        if (member is not IMethodSymbol method || calledInType.Contains(method.OriginalDefinition))
        {
            return false;
        }
        for (ISymbol? current = member; current is not null and not INamespaceSymbol; current = current.ContainingType)
        {
            if (current.DeclaredAccessibility == Accessibility.Private)
            {
                return true;
            }
        }
        return false;
    }

    private static string MemberName(ISymbol member) =>
        member is IMethodSymbol { AssociatedSymbol: { } property } ? property.Name : member.Name;

    /// <summary>True when the field's value is used to reach the object's state: a call, member, element or enumeration.</summary>
    private static bool UsesHeldObject(IFieldReferenceOperation reference, out bool mutates)
    {
        mutates = false;
        var consumer = OperationFacts.ConsumerOf(reference);
        switch (consumer)
        {
            case IInvocationOperation invocation when invocation.Instance is not null && OperationFacts.WithoutConversions(invocation.Instance) == reference:
                mutates = !Sharing.IsReadOnlyCall(invocation.TargetMethod);
                return true;
            case IPropertyReferenceOperation property when property.Instance is not null && OperationFacts.WithoutConversions(property.Instance) == reference:
                mutates = OperationFacts.IsWrite(property);
                return true;
            case IFieldReferenceOperation member when member.Instance == reference:
                mutates = OperationFacts.IsWrite(member);
                return true;
            case IArrayElementReferenceOperation element when element.ArrayReference == reference:
                mutates = OperationFacts.IsWrite(element);
                return true;
            case IForEachLoopOperation loop when OperationFacts.WithoutConversions(loop.Collection) == reference:
                return true;
            default:
                return false;
        }
    }

    /// <summary>Interlocked.X(ref field) and Volatile.Read/Write(ref field) synchronize on their own.</summary>
    private static bool IsAtomicAccess(IFieldReferenceOperation reference, KnownTypes types) =>
        reference.Parent is IArgumentOperation { Parent: IInvocationOperation invocation }
        && (KnownTypes.Is(invocation.TargetMethod.ContainingType, types.Interlocked) || KnownTypes.Is(invocation.TargetMethod.ContainingType, types.Volatile));
}
