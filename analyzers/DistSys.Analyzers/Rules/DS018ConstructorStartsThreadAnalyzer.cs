using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace DistSys.Analyzers;

/// <summary>DS018: a constructor that starts a thread or a timer in a type nobody can dispose.</summary>
public sealed class DS018ConstructorStartsThreadAnalyzer : DsAnalyzer
{
    public const string Id = "DS018";

    internal static readonly DiagnosticDescriptor Descriptor = RuleDescriptors.Create(
        Id,
        "Thread or timer started in the constructor of a type that is not IDisposable",
        "The constructor of '{0}' starts a {1}, but '{0}' is not IDisposable: nothing can stop it, so it outlives its owner",
        RuleDescriptors.ConcurrencyCategory,
        "A background thread or timer keeps running, and keeps its owner alive, after the owner is no longer used. "
        + "Implement IDisposable (or IAsyncDisposable) and stop it there, or start it from an explicit Start method.");

    internal override DiagnosticDescriptor Rule => Descriptor;

    internal override void Register(CompilationStartAnalysisContext context, KnownTypes types)
    {
        context.RegisterOperationAction(
            c =>
            {
                if (!RunsDuringConstruction(c.ContainingSymbol))
                {
                    return;
                }
                var type = c.ContainingSymbol.ContainingType;
                if (KnownTypes.Implements(type, types.IDisposable) || KnownTypes.Implements(type, types.IAsyncDisposable))
                {
                    return;
                }
                var started = StartedWork(c.Operation, types);
                if (started is not null)
                {
                    c.ReportDiagnostic(Diagnostic.Create(Descriptor, c.Operation.Syntax.GetLocation(), type.Name, started));
                }
            },
            OperationKind.Invocation,
            OperationKind.ObjectCreation,
            OperationKind.SimpleAssignment);
    }

    /// <summary>Instance constructors and instance field/property initializers.</summary>
    private static bool RunsDuringConstruction(ISymbol symbol) => symbol switch
    {
        IMethodSymbol method => method.MethodKind == MethodKind.Constructor,
        IFieldSymbol field => !field.IsStatic,
        IPropertySymbol property => !property.IsStatic,
        _ => false,
    };

    private static string? StartedWork(IOperation operation, KnownTypes types)
    {
        switch (operation)
        {
            case IInvocationOperation invocation when invocation.TargetMethod.Name == "Start":
                if (KnownTypes.Is(invocation.TargetMethod.ContainingType, types.Thread))
                {
                    return "thread";
                }
                return KnownTypes.IsOrDerivesFrom(invocation.TargetMethod.ContainingType, types.TimersTimer) ? "timer" : null;
            case IObjectCreationOperation creation when KnownTypes.Is(creation.Type, types.ThreadingTimer):
                return StartsImmediately(creation) ? "timer" : null;
            case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "Enabled" } property, Value.ConstantValue: { HasValue: true, Value: true } }
                when KnownTypes.IsOrDerivesFrom(property.Property.ContainingType, types.TimersTimer):
                return "timer";
            default:
                return null;
        }
    }

    /// <summary>A System.Threading.Timer fires unless it has no due time or its due time is Timeout.Infinite.</summary>
    private static bool StartsImmediately(IObjectCreationOperation creation)
    {
        foreach (var argument in creation.Arguments)
        {
            if (argument.Parameter?.Name != "dueTime")
            {
                continue;
            }
            var value = OperationFacts.WithoutConversions(argument.Value);
            if (value.ConstantValue.HasValue && value.ConstantValue.Value is int or long or uint
                && System.Convert.ToInt64(value.ConstantValue.Value, System.Globalization.CultureInfo.InvariantCulture) == -1)
            {
                return false;
            }
            if (value is IFieldReferenceOperation { Field.Name: "InfiniteTimeSpan" })
            {
                return false;
            }
            return true;
        }
        return false;
    }
}
