using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace DistSys.Analyzers;

/// <summary>DS017: real time, real threads or ambient randomness inside a node run by the deterministic simulator.</summary>
public sealed class DS017SimulatedNodeNondeterminismAnalyzer : DsAnalyzer
{
    public const string Id = "DS017";

    internal static readonly DiagnosticDescriptor Descriptor = RuleDescriptors.Create(
        Id,
        "Real time or ambient nondeterminism in a simulated node",
        "'{0}' in simulated node '{1}' uses real time, real threads or ambient randomness, so the simulation cannot replay it; use the node context's Now, Time, SetTimer and Random",
        RuleDescriptors.DeterminismCategory,
        "The simulator replays a run exactly from its seed only if nodes take time, timers, concurrency and randomness "
        + "from it. A node that reads the machine clock, sleeps, starts threads or draws unseeded random numbers makes "
        + "failures impossible to reproduce.");

    internal override DiagnosticDescriptor Rule => Descriptor;

    internal override void Register(CompilationStartAnalysisContext context, KnownTypes types)
    {
        if (types.Node is null)
        {
            return;
        }
        context.RegisterOperationAction(
            c =>
            {
                var nodeType = c.ContainingSymbol.ContainingType;
                if (!KnownTypes.Implements(nodeType, types.Node) || !IsAmbient(c.Operation, types))
                {
                    return;
                }
                c.ReportDiagnostic(Diagnostic.Create(Descriptor, c.Operation.Syntax.GetLocation(), c.Operation.Syntax.ToString(), nodeType.Name));
            },
            OperationKind.PropertyReference,
            OperationKind.Invocation,
            OperationKind.ObjectCreation);
    }

    private static bool IsAmbient(IOperation operation, KnownTypes types)
    {
        switch (operation)
        {
            case IPropertyReferenceOperation { Instance: null } property:
            {
                var owner = property.Property.ContainingType;
                var name = property.Property.Name;
                return ((KnownTypes.Is(owner, types.DateTime) || KnownTypes.Is(owner, types.DateTimeOffset)) && name is "Now" or "UtcNow" or "Today")
                    || (KnownTypes.Is(owner, types.Environment) && name.StartsWith("TickCount", System.StringComparison.Ordinal))
                    || (KnownTypes.Is(owner, types.TimeProvider) && name == "System")
                    || types.IsUnseededRandom(property);
            }
            case IInvocationOperation invocation:
            {
                var method = invocation.TargetMethod;
                var owner = method.ContainingType;
                return (KnownTypes.Is(owner, types.Thread) && method.Name == "Sleep")
                    || (KnownTypes.Is(owner, types.Task) && method.Name == "Run")
                    || (KnownTypes.Is(owner, types.Task) && method.Name == "Delay" && !TakesTimeProvider(method, types))
                    || ((KnownTypes.Is(owner, types.TaskFactory) || KnownTypes.Is(owner, types.TaskFactoryOfT)) && method.Name == "StartNew")
                    || (KnownTypes.Is(owner, types.ThreadPool) && method.Name.EndsWith("QueueUserWorkItem", System.StringComparison.Ordinal))
                    || (KnownTypes.Is(owner, types.Guid) && method.Name == "NewGuid")
                    || (KnownTypes.Is(owner, types.Stopwatch) && method.IsStatic);
            }
            case IObjectCreationOperation creation:
                return KnownTypes.Is(creation.Type, types.Stopwatch) || KnownTypes.Is(creation.Type, types.Thread)
                    || KnownTypes.Is(creation.Type, types.ThreadingTimer) || KnownTypes.Is(creation.Type, types.TimersTimer)
                    || types.IsUnseededRandom(creation);
            default:
                return false;
        }
    }

    /// <summary>
    /// <c>Task.Delay(delay, provider)</c> waits on whatever clock it is given: on <c>context.Time</c> it is virtual time
    /// and replays. Passing <c>TimeProvider.System</c> is still reported, as the property reference itself.
    /// </summary>
    private static bool TakesTimeProvider(IMethodSymbol method, KnownTypes types) =>
        method.Parameters.Any(p => KnownTypes.Is(p.Type, types.TimeProvider));
}
