using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace DistSys.Analyzers;

/// <summary>DS005: the wall clock used to measure elapsed time or to check a deadline.</summary>
public sealed class DS005WallClockDurationAnalyzer : DsAnalyzer
{
    public const string Id = "DS005";

    internal static readonly DiagnosticDescriptor Descriptor = RuleDescriptors.Create(
        Id,
        "Wall clock used to measure time",
        "'{0}' reads the wall clock to measure time; it can jump (NTP, daylight saving) and differs between machines: use Stopwatch or an injected TimeProvider",
        RuleDescriptors.DeterminismCategory,
        "Durations, timeouts and leases measured with DateTime.Now/UtcNow break when the clock is adjusted and cannot be "
        + "controlled in tests. Use a monotonic clock (Stopwatch.GetTimestamp/GetElapsedTime) or TimeProvider.");

    internal override DiagnosticDescriptor Rule => Descriptor;

    internal override void Register(CompilationStartAnalysisContext context, KnownTypes types)
    {
        if (types.DateTime is null)
        {
            return;
        }
        context.RegisterOperationAction(c => AnalyzeBinary(c, types), OperationKind.Binary);
        context.RegisterOperationAction(c => AnalyzeInvocation(c, types), OperationKind.Invocation);
    }

    private static void AnalyzeBinary(OperationAnalysisContext context, KnownTypes types)
    {
        var binary = (IBinaryOperation)context.Operation;
        if (binary.OperatorKind is not (BinaryOperatorKind.Subtract or BinaryOperatorKind.LessThan or BinaryOperatorKind.LessThanOrEqual
            or BinaryOperatorKind.GreaterThan or BinaryOperatorKind.GreaterThanOrEqual or BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals))
        {
            return;
        }
        Report(context, types, binary.LeftOperand, binary.RightOperand);
    }

    private static void AnalyzeInvocation(OperationAnalysisContext context, KnownTypes types)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var owner = invocation.TargetMethod.ContainingType;
        if (!KnownTypes.Is(owner, types.DateTime) && !KnownTypes.Is(owner, types.DateTimeOffset))
        {
            return;
        }
        if (invocation.TargetMethod.Name is "Subtract" or "CompareTo" or "Compare" or "Equals")
        {
            var operands = new IOperation?[invocation.Arguments.Length + 1];
            operands[0] = invocation.Instance;
            for (var i = 0; i < invocation.Arguments.Length; i++)
            {
                operands[i + 1] = invocation.Arguments[i].Value;
            }
            Report(context, types, operands);
        }
    }

    /// <summary>Reports the first operand that is a wall-clock reading, or failing that a local holding one.</summary>
    private static void Report(OperationAnalysisContext context, KnownTypes types, params IOperation?[] operands)
    {
        foreach (var operand in operands)
        {
            if (operand is not null && types.IsWallClockRead(OperationFacts.WithoutConversions(operand)))
            {
                var read = OperationFacts.WithoutConversions(operand);
                context.ReportDiagnostic(Diagnostic.Create(Descriptor, read.Syntax.GetLocation(), read.Syntax.ToString()));
                return;
            }
        }
        foreach (var operand in operands)
        {
            if (operand is not null && OperationFacts.WithoutConversions(operand) is ILocalReferenceOperation local
                && IsInitializedFromWallClock(local, types))
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptor, local.Syntax.GetLocation(), local.Local.Name));
                return;
            }
        }
    }

    /// <summary>True for a local declared as <c>var start = DateTime.UtcNow;</c>.</summary>
    internal static bool IsInitializedFromWallClock(ILocalReferenceOperation local, KnownTypes types)
    {
        foreach (var reference in local.Local.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax() is VariableDeclaratorSyntax { Initializer.Value: { } initializer }
                && local.SemanticModel is { } model
                && initializer.SyntaxTree == model.SyntaxTree
                && types.IsWallClockRead(OperationFacts.WithoutConversions(model.GetOperation(initializer) ?? local)))
            {
                return true;
            }
        }
        return false;
    }
}
