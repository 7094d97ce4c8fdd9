using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace DistSys.Analyzers;

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

    /// <summary>The lock object of every Enter..Exit region (Monitor, ReaderWriterLockSlim, SemaphoreSlim, SpinLock,
    /// Mutex) of the same function that surrounds the operation by position.</summary>
    private static IEnumerable<IOperation> MonitorRegionsAround(IOperation operation, KnownTypes types, bool withinFunction)
    {
        var function = OperationFacts.EnclosingFunction(operation);
        var scope = withinFunction ? function ?? OperationFacts.Root(operation) : OperationFacts.Root(operation);
        var position = operation.Syntax.SpanStart;
        List<IInvocationOperation>? starts = null;
        List<IInvocationOperation>? ends = null;
        foreach (var descendant in OperationFacts.DescendantsAndSelf(scope))
        {
            if (descendant is not IInvocationOperation invocation || !IsMutualExclusion(invocation, types)
                || (invocation.TargetMethod.Name == "Wait" && KnownTypes.Is(invocation.TargetMethod.ContainingType, types.Monitor)))
            {
                continue;
            }
            if (withinFunction && OperationFacts.EnclosingFunction(invocation) != function)
            {
                continue;
            }
            if (Array.IndexOf(RegionStartNames, invocation.TargetMethod.Name) >= 0 && invocation.Syntax.Span.End <= position)
            {
                (starts ??= new List<IInvocationOperation>()).Add(invocation);
            }
            else if (Array.IndexOf(RegionEndNames, invocation.TargetMethod.Name) >= 0 && invocation.Syntax.SpanStart >= operation.Syntax.Span.End)
            {
                (ends ??= new List<IInvocationOperation>()).Add(invocation);
            }
        }
        if (starts is null || ends is null)
        {
            yield break;
        }
        foreach (var start in starts)
        {
            var startObject = LockedObjectOf(start);
            foreach (var end in ends)
            {
                var endObject = LockedObjectOf(end);
                if (startObject is not null && endObject is not null && Equals(LockKey.Of(startObject), LockKey.Of(endObject)))
                {
                    yield return startObject;
                    break;
                }
            }
        }
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
