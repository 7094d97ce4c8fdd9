using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace DistSys.Analyzers;

/// <summary>DS016: a per-process randomized hash (string.GetHashCode, HashCode.Combine) deciding data placement.</summary>
public sealed class DS016UnstableHashPlacementAnalyzer : DsAnalyzer
{
    public const string Id = "DS016";

    internal static readonly DiagnosticDescriptor Descriptor = RuleDescriptors.Create(
        Id,
        "Unstable hash used for placement",
        "'{0}' is randomized per process, yet it decides placement here ({1}): another process maps the same key to a different node or shard; use a stable hash such as FNV-1a over the UTF-8 bytes",
        RuleDescriptors.DeterminismCategory,
        "On .NET, string hash codes (and HashCode.Combine) are seeded randomly at process start. Every node, and every "
        + "restart, computes different values, so partitioning or consistent hashing built on them sends the same key to "
        + "different places.");

    internal override DiagnosticDescriptor Rule => Descriptor;

    internal override void Register(CompilationStartAnalysisContext context, KnownTypes types)
    {
        context.RegisterOperationAction(
            c =>
            {
                var invocation = (IInvocationOperation)c.Operation;
                if (!IsRandomizedHash(invocation, types))
                {
                    return;
                }
                var sink = FindPlacementSink(invocation, types);
                if (sink is not null)
                {
                    c.ReportDiagnostic(Diagnostic.Create(Descriptor, invocation.Syntax.GetLocation(), invocation.Syntax.ToString(), sink));
                }
            },
            OperationKind.Invocation);
    }

    private static bool IsRandomizedHash(IInvocationOperation invocation, KnownTypes types)
    {
        var method = invocation.TargetMethod;
        if (method.Name == "GetHashCode")
        {
            if (invocation.Instance?.Type?.SpecialType == SpecialType.System_String)
            {
                return true;
            }
            // StringComparer.Ordinal.GetHashCode(s), EqualityComparer<string>.Default.GetHashCode(s).
            return invocation.Arguments.Length == 1 && invocation.Arguments[0].Value.Type?.SpecialType == SpecialType.System_String;
        }
        return method.Name == "Combine" && KnownTypes.Is(method.ContainingType, types.HashCode);
    }

    /// <summary>Follows the hash through arithmetic, conversions, Math.Abs and locals until it reaches a modulo, a sorted
    /// map or a ring; returns what it reached.</summary>
    private static string? FindPlacementSink(IOperation source, KnownTypes types)
    {
        var pending = new Stack<IOperation>();
        var seenLocals = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        pending.Push(source);
        while (pending.Count > 0)
        {
            var value = pending.Pop();
            var parent = value.Parent;
            switch (parent)
            {
                case IConversionOperation or IUnaryOperation:
                    pending.Push(parent);
                    break;
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Remainder }:
                    return "a modulo";
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add or BinaryOperatorKind.Subtract or BinaryOperatorKind.Multiply
                    or BinaryOperatorKind.And or BinaryOperatorKind.Or or BinaryOperatorKind.ExclusiveOr or BinaryOperatorKind.RightShift
                    or BinaryOperatorKind.LeftShift or BinaryOperatorKind.UnsignedRightShift }:
                    pending.Push(parent);
                    break;
                case IArgumentOperation argument:
                    var sink = ArgumentSink(argument, types);
                    if (sink is "pass-through")
                    {
                        pending.Push(argument.Parent!);
                    }
                    else if (sink is not null)
                    {
                        return sink;
                    }
                    break;
                case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                    Track(declarator.Symbol, value, seenLocals, pending);
                    break;
                case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment when assignment.Value == value:
                    Track(target.Local, value, seenLocals, pending);
                    break;
            }
        }
        return null;
    }

    private static void Track(ILocalSymbol local, IOperation anchor, HashSet<ISymbol> seen, Stack<IOperation> pending)
    {
        if (!seen.Add(local))
        {
            return;
        }
        foreach (var operation in OperationFacts.DescendantsAndSelf(OperationFacts.FunctionBody(anchor)))
        {
            if (operation is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local) && !OperationFacts.IsWrite(reference))
            {
                pending.Push(reference);
            }
        }
    }

    private static string? ArgumentSink(IArgumentOperation argument, KnownTypes types)
    {
        var (method, receiverType) = argument.Parent switch
        {
            IInvocationOperation invocation => (invocation.TargetMethod, invocation.Instance?.Type ?? invocation.TargetMethod.ContainingType),
            IPropertyReferenceOperation indexer => (indexer.Property.GetMethod ?? indexer.Property.SetMethod, indexer.Instance?.Type),
            _ => (null, null),
        };
        if (method is null)
        {
            return null;
        }
        if (method.Name == "Abs" && method.ContainingType.Name == "Math")
        {
            return "pass-through";
        }
        if (method.Name == "BinarySearch")
        {
            return "a binary search over a ring";
        }
        if (KnownTypes.Is(receiverType, types.SortedDictionary) || KnownTypes.Is(receiverType, types.SortedList) || KnownTypes.Is(receiverType, types.SortedSet)
            || receiverType?.Name.StartsWith("ImmutableSorted", System.StringComparison.Ordinal) == true)
        {
            return "a sorted map";
        }
        if (receiverType?.Name.IndexOf("Ring", System.StringComparison.Ordinal) >= 0)
        {
            return "a hash ring";
        }
        return null;
    }
}
