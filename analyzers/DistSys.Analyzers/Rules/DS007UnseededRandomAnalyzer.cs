using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace DistSys.Analyzers;

/// <summary>DS007: randomness that cannot be replayed.</summary>
public sealed class DS007UnseededRandomAnalyzer : DsAnalyzer
{
    public const string Id = "DS007";

    internal static readonly DiagnosticDescriptor Descriptor = RuleDescriptors.Create(
        Id,
        "Unseeded randomness",
        "'{0}' is seeded differently on every run, so a failure cannot be replayed; take a seed or a Random from the caller",
        RuleDescriptors.DeterminismCategory,
        "A failing schedule, fault injection or election timeout found with an unseeded Random is gone on the next run. "
        + "Let the caller pass a seed or a Random so tests and the simulator can replay it.");

    internal override DiagnosticDescriptor Rule => Descriptor;

    internal override void Register(CompilationStartAnalysisContext context, KnownTypes types)
    {
        if (types.Random is null)
        {
            return;
        }
        context.RegisterOperationAction(
            c =>
            {
                // Inside a simulated node DS017 reports this, with advice specific to nodes.
                if (types.IsUnseededRandom(c.Operation) && !KnownTypes.Implements(c.ContainingSymbol.ContainingType, types.Node))
                {
                    c.ReportDiagnostic(Diagnostic.Create(Descriptor, c.Operation.Syntax.GetLocation(), c.Operation.Syntax.ToString()));
                }
            },
            OperationKind.ObjectCreation,
            OperationKind.PropertyReference);
    }
}
