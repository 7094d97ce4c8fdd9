using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace DistSys.Analyzers;

/// <summary>An Enter..Exit region: positions between the end of the Enter call and the start of the Exit call.</summary>
internal sealed record MonitorRegion(int EnterEnd, int ExitStart, IOperation LockedObject, SyntaxNode? Function);

/// <summary>
/// Which object a lock expression locks, as far as the code shows it: a field, a local, a parameter, <c>this</c> or a
/// <c>typeof</c>. Two keys are equal when they surely name the same object for the same receiver.
/// </summary>
internal sealed class LockKey : IEquatable<LockKey>
{
    private LockKey(ISymbol symbol, bool isThis)
    {
        Symbol = symbol;
        IsThis = isThis;
    }

    public ISymbol Symbol { get; }
    public bool IsThis { get; }

    public static LockKey? Of(IOperation lockedValue)
    {
        switch (OperationFacts.WithoutConversions(lockedValue))
        {
            case IFieldReferenceOperation field when field.Instance is null or IInstanceReferenceOperation:
                return new LockKey(field.Field.OriginalDefinition, isThis: false);
            case ILocalReferenceOperation local:
                return new LockKey(local.Local, isThis: false);
            case IParameterReferenceOperation parameter:
                return new LockKey(parameter.Parameter, isThis: false);
            case IInstanceReferenceOperation instance when instance.Type is not null:
                return new LockKey(instance.Type.OriginalDefinition, isThis: true);
            case ITypeOfOperation typeOf:
                return new LockKey(typeOf.TypeOperand.OriginalDefinition, isThis: false);
            default:
                return null;
        }
    }

    public bool Equals(LockKey? other) =>
        other is not null && IsThis == other.IsThis && SymbolEqualityComparer.Default.Equals(Symbol, other.Symbol);

    public override bool Equals(object? obj) => Equals(obj as LockKey);

    public override int GetHashCode() => SymbolEqualityComparer.Default.GetHashCode(Symbol) * 2 + (IsThis ? 1 : 0);

    public override string ToString() => IsThis ? "this" : Symbol.Name;
}

/// <summary>
/// Whether code runs with a lock held: lexically inside a <c>lock</c> statement, or between a Monitor.Enter (or the
/// Enter of another mutual-exclusion primitive) and its Exit in the same function.
/// </summary>
internal static class Locks
{
    private static readonly string[] RegionStartNames =
    {
        "Enter", "TryEnter", "EnterReadLock", "EnterWriteLock", "EnterUpgradeableReadLock", "TryEnterReadLock",
        "TryEnterWriteLock", "TryEnterUpgradeableReadLock", "Wait", "WaitAsync", "WaitOne",
    };

    private static readonly string[] RegionEndNames =
    {
        "Exit", "ExitReadLock", "ExitWriteLock", "ExitUpgradeableReadLock", "Release", "ReleaseMutex",
    };

    /// <summary>True when a lock is held at the operation. With <paramref name="withinFunction"/>, a lock taken outside
    /// the innermost lambda does not count: the lambda may run later, on another thread.</summary>
    public static bool IsHeld(IOperation operation, KnownTypes types, bool withinFunction)
    {
        foreach (var _ in EnclosingLocks(operation, types, withinFunction))
        {
            return true;
        }
        return false;
    }

    /// <summary>The expressions of the locks held at the operation, innermost lock statement first.</summary>
    public static IEnumerable<IOperation> EnclosingLocks(IOperation operation, KnownTypes types, bool withinFunction)
    {
        var child = operation;
        for (var current = operation.Parent; current is not null; child = current, current = current.Parent)
        {
            if (current is ILockOperation lockOperation && child != lockOperation.LockedValue)
            {
                yield return lockOperation.LockedValue;
            }
            if (withinFunction && current is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                break;
            }
        }
        foreach (var region in MonitorRegionsAround(operation, types, withinFunction))
        {
            yield return region;
        }
    }

    /// <summary>The lock object of every Enter..Exit region (Monitor, ReaderWriterLockSlim, SemaphoreSlim, SpinLock)
    /// of the same function that surrounds the operation by position.</summary>
    private static IEnumerable<IOperation> MonitorRegionsAround(IOperation operation, KnownTypes types, bool withinFunction)
    {
        var function = OperationFacts.EnclosingFunction(operation);
        var root = OperationFacts.Root(operation);
        var regions = types.RegionCache.GetOrAdd(root.Syntax, _ => FindRegions(root, types));
        if (regions.Count == 0)
        {
            yield break;
        }
        var start = operation.Syntax.SpanStart;
        var end = operation.Syntax.Span.End;
        foreach (var region in regions)
        {
            if (region.EnterEnd <= start && end <= region.ExitStart && (!withinFunction || region.Function == function?.Syntax))
            {
                yield return region.LockedObject;
            }
        }
    }

    /// <summary>Pairs each Enter with the first later Exit on the same object in the same function.</summary>
    private static List<MonitorRegion> FindRegions(IOperation root, KnownTypes types)
    {
        var regions = new List<MonitorRegion>();
        var calls = new List<(IInvocationOperation Call, IOperation Object, bool IsStart, SyntaxNode? Function)>();
        foreach (var descendant in OperationFacts.DescendantsAndSelf(root))
        {
            if (descendant is not IInvocationOperation invocation || !IsMutualExclusion(invocation, types)
                || (invocation.TargetMethod.Name == "Wait" && KnownTypes.Is(invocation.TargetMethod.ContainingType, types.Monitor)))
            {
                continue;
            }
            var isStart = Array.IndexOf(RegionStartNames, invocation.TargetMethod.Name) >= 0;
            if ((isStart || Array.IndexOf(RegionEndNames, invocation.TargetMethod.Name) >= 0) && LockedObjectOf(invocation) is { } lockedObject)
            {
                calls.Add((invocation, lockedObject, isStart, OperationFacts.EnclosingFunction(invocation)?.Syntax));
            }
        }
        foreach (var enter in calls)
        {
            if (!enter.IsStart)
            {
                continue;
            }
            var key = LockKey.Of(enter.Object);
            var exit = calls
                .Where(c => !c.IsStart && c.Function == enter.Function && c.Call.Syntax.SpanStart >= enter.Call.Syntax.Span.End && Equals(LockKey.Of(c.Object), key) && key is not null)
                .OrderBy(c => c.Call.Syntax.SpanStart)
                .FirstOrDefault();
            if (exit.Call is not null)
            {
                regions.Add(new MonitorRegion(enter.Call.Syntax.Span.End, exit.Call.Syntax.SpanStart, enter.Object, enter.Function));
            }
        }
        return regions;
    }

    /// <summary>Monitor.Enter(x) locks x; semaphore.Wait() locks the semaphore it is called on.</summary>
    public static IOperation? LockedObjectOf(IInvocationOperation invocation) =>
        invocation.Instance ?? (invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null);

    private static bool IsMutualExclusion(IInvocationOperation invocation, KnownTypes types)
    {
        var type = invocation.TargetMethod.ContainingType;
        return KnownTypes.Is(type, types.Monitor) || KnownTypes.Is(type, types.ReaderWriterLockSlim)
            || KnownTypes.Is(type, types.SemaphoreSlim) || KnownTypes.Is(type, types.SpinLock)
            || KnownTypes.Is(type, types.Mutex);
    }

    /// <summary>True when the value is used as a lock object: a lock statement's expression or a Monitor argument.</summary>
    public static bool IsLockObjectUse(IOperation value, KnownTypes types)
    {
        var consumer = OperationFacts.ConsumerOf(value);
        if (consumer is ILockOperation lockOperation)
        {
            return OperationFacts.WithoutConversions(lockOperation.LockedValue) == value;
        }
        if (consumer is IArgumentOperation { Parent: IInvocationOperation invocation } argument
            && KnownTypes.Is(invocation.TargetMethod.ContainingType, types.Monitor)
            && argument.Parameter?.Ordinal == 0)
        {
            return true;
        }
        return false;
    }
}
