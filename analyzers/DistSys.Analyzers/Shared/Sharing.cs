using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace DistSys.Analyzers;

/// <summary>Whether two pieces of code can run at the same time, and whether a type is safe to share.</summary>
internal static class Sharing
{
    private static readonly string[] JoinNames = { "Wait", "WaitAll", "WaitAny", "Join", "GetResult" };

    /// <summary>
    /// True when <paramref name="access"/> can run while the delegate started by <paramref name="starter"/> runs: it
    /// sits in another member or another delegate, or after the start in the same function with no await, Wait,
    /// Join or Result in between.
    /// </summary>
    public static bool MayRunConcurrently(IOperation access, IAnonymousFunctionOperation threadDelegate, IOperation? starter, KnownTypes types)
    {
        if (OperationFacts.IsWithin(access, threadDelegate))
        {
            return false;
        }
        if (OperationFacts.Root(access) != OperationFacts.Root(threadDelegate))
        {
            return true;
        }
        if (ThreadDelegates.EnclosingThreadDelegate(access, types).Delegate is not null)
        {
            return true;
        }
        if (starter is null || access.Syntax.SpanStart < starter.Syntax.Span.End || IsJoinedAtOnce(starter))
        {
            return false;
        }
        var function = OperationFacts.EnclosingFunction(access);
        var from = starter.Syntax.Span.End;
        var to = access.Syntax.SpanStart;
        foreach (var operation in OperationFacts.DescendantsAndSelf(OperationFacts.FunctionBody(access)))
        {
            var position = operation.Syntax.SpanStart;
            if (position < from || position >= to || OperationFacts.EnclosingFunction(operation) != function)
            {
                continue;
            }
            if (operation is IAwaitOperation
                || (operation is IInvocationOperation invocation && Array.IndexOf(JoinNames, invocation.TargetMethod.Name) >= 0)
                || operation is IPropertyReferenceOperation { Property.Name: "Result" })
            {
                return false;
            }
        }
        return true;
    }

    /// <summary><c>await Task.Run(...)</c> or <c>Task.Run(...).Wait()</c>: the caller waits for the work right away.</summary>
    private static bool IsJoinedAtOnce(IOperation starter)
    {
        for (var current = starter.Parent; current is not null and not IBlockOperation; current = current.Parent)
        {
            if (current is IAwaitOperation
                || (current is IInvocationOperation invocation && Array.IndexOf(JoinNames, invocation.TargetMethod.Name) >= 0)
                || current is IPropertyReferenceOperation { Property.Name: "Result" })
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Types whose instances may be used from several threads without a lock.</summary>
    public static bool IsThreadSafeType(ITypeSymbol? type)
    {
        if (type is null)
        {
            return false;
        }
        if (type.SpecialType != SpecialType.None || type.TypeKind is TypeKind.Enum or TypeKind.Delegate)
        {
            return true;
        }
        var namespaceName = type.ContainingNamespace?.ToDisplayString() ?? string.Empty;
        return namespaceName.StartsWith("System.Collections.Concurrent", StringComparison.Ordinal)
            || namespaceName.StartsWith("System.Threading", StringComparison.Ordinal)
            || namespaceName.StartsWith("System.Collections.Immutable", StringComparison.Ordinal)
            || (namespaceName == "System" && type.Name == "Lazy")
            || (type.IsValueType && type.IsReadOnly);
    }

    private static readonly string[] UnsafeCollections =
    {
        "List", "Dictionary", "HashSet", "Queue", "Stack", "SortedDictionary", "SortedList", "SortedSet", "LinkedList", "PriorityQueue",
    };

    /// <summary>The System.Collections.Generic collections that corrupt themselves under concurrent mutation.</summary>
    public static bool IsUnsafeCollection(ITypeSymbol? type) =>
        type is INamedTypeSymbol named
        && ((named.ContainingNamespace?.ToDisplayString() == "System.Collections.Generic" && Array.IndexOf(UnsafeCollections, named.Name) >= 0)
            || (named.ContainingNamespace?.ToDisplayString() == "System.Collections" && named.Name is "ArrayList"));

    private static readonly string[] ReadOnlyMethodPrefixes =
    {
        "Contains", "TryGet", "Get", "Peek", "TryPeek", "IndexOf", "LastIndexOf", "Find", "Exists", "ToArray", "ToList", "CopyTo",
        "Equals", "ToString", "CompareTo", "BinarySearch", "TrueForAll", "ConvertAll", "Overlaps", "IsSubsetOf", "IsSupersetOf",
        "IsProperSubsetOf", "IsProperSupersetOf", "SetEquals", "AsReadOnly", "AsSpan", "Any", "Count", "First", "Last", "Single",
        "Select", "Where", "Sum", "Min", "Max", "Average", "OrderBy", "Skip", "Take", "Aggregate", "All", "ElementAt",
    };

    /// <summary>Calls on a collection that only read it; anything else is assumed to mutate it.</summary>
    public static bool IsReadOnlyCall(IMethodSymbol method)
    {
        foreach (var prefix in ReadOnlyMethodPrefixes)
        {
            if (method.Name.StartsWith(prefix, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }

    private static readonly string[] MutatingCollectionMethods =
    {
        "Add", "AddRange", "Insert", "InsertRange", "Remove", "RemoveAt", "RemoveAll", "RemoveRange", "RemoveWhere", "Clear",
        "Enqueue", "EnqueueRange", "Dequeue", "TryDequeue", "DequeueEnqueue", "EnqueueDequeue", "Push", "Pop", "TryPop", "TryAdd",
        "Sort", "Reverse", "AddFirst", "AddLast", "AddBefore", "AddAfter", "RemoveFirst", "RemoveLast", "UnionWith",
        "IntersectWith", "ExceptWith", "SymmetricExceptWith", "EnsureCapacity", "TrimExcess", "SetValue",
    };

    public static bool IsCollectionMutation(IMethodSymbol method) => Array.IndexOf(MutatingCollectionMethods, method.Name) >= 0;
}
