using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace DistSys.Analyzers;

/// <summary>Questions about where an operation sits: its function, its loops, the value it really is.</summary>
internal static class OperationFacts
{
    /// <summary>The lambda, anonymous method or local function whose body holds the operation; null for the member body itself.</summary>
    public static IOperation? EnclosingFunction(IOperation operation)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return current;
            }
        }
        return null;
    }

    public static IOperation Root(IOperation operation)
    {
        var current = operation;
        while (current.Parent is not null)
        {
            current = current.Parent;
        }
        return current;
    }

    /// <summary>The body the operation runs in: its innermost function, or the member's whole operation tree.</summary>
    public static IOperation FunctionBody(IOperation operation) => EnclosingFunction(operation) ?? Root(operation);

    public static bool IsInsideLoop(IOperation operation)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case ILoopOperation:
                    return true;
                case IAnonymousFunctionOperation or ILocalFunctionOperation:
                    return false;
            }
        }
        return false;
    }

    /// <summary>Strips the implicit and explicit conversions the compiler puts around a value.</summary>
    public static IOperation WithoutConversions(IOperation operation)
    {
        var current = operation;
        while (current is IConversionOperation conversion)
        {
            current = conversion.Operand;
        }
        return current;
    }

    /// <summary>The operation that consumes this value, skipping conversions.</summary>
    public static IOperation? ConsumerOf(IOperation operation)
    {
        var current = operation.Parent;
        while (current is IConversionOperation)
        {
            current = current.Parent;
        }
        return current;
    }

    /// <summary>True when the operation is written to: assigned, incremented, or passed by ref/out.</summary>
    public static bool IsWrite(IOperation reference)
    {
        var parent = reference.Parent;
        return parent switch
        {
            IAssignmentOperation assignment => assignment.Target == reference,
            IIncrementOrDecrementOperation => true,
            IArgumentOperation argument => argument.Parameter?.RefKind is RefKind.Ref or RefKind.Out,
            ITupleOperation tuple => tuple.Parent is IDeconstructionAssignmentOperation deconstruction && deconstruction.Target == tuple,
            _ => false,
        };
    }

    /// <summary>The variable (field, local or parameter) an expression refers to, if it is that simple.</summary>
    public static ISymbol? ReferencedVariable(IOperation operation) => WithoutConversions(operation) switch
    {
        IFieldReferenceOperation field => field.Field,
        ILocalReferenceOperation local => local.Local,
        IParameterReferenceOperation parameter => parameter.Parameter,
        _ => null,
    };

    public static IEnumerable<IOperation> DescendantsAndSelf(IOperation operation)
    {
        var stack = new Stack<IOperation>();
        stack.Push(operation);
        while (stack.Count > 0)
        {
            var current = stack.Pop();
            yield return current;
            foreach (var child in current.ChildOperations)
            {
                stack.Push(child);
            }
        }
    }

    /// <summary>True when <paramref name="inner"/> is <paramref name="outer"/> or one of its descendants.</summary>
    public static bool IsWithin(IOperation inner, IOperation outer)
    {
        for (var current = inner; current is not null; current = current.Parent)
        {
            if (current == outer)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The method an invocation or method reference calls, or the constructor an object creation runs.</summary>
    public static bool IsCallTo(IInvocationOperation invocation, INamedTypeSymbol? type, params string[] names)
    {
        if (type is null || !KnownTypes.IsOrDerivesFrom(invocation.TargetMethod.ContainingType, type))
        {
            return false;
        }
        foreach (var name in names)
        {
            if (invocation.TargetMethod.Name == name)
            {
                return true;
            }
        }
        return false;
    }
}
