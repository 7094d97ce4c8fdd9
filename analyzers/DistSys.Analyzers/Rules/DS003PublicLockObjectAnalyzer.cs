using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace DistSys.Analyzers;

/// <summary>DS003: locking an object that code outside the type can lock too.</summary>
public sealed class DS003PublicLockObjectAnalyzer : DsAnalyzer
{
    public const string Id = "DS003";

    internal static readonly DiagnosticDescriptor Descriptor = RuleDescriptors.Create(
        Id,
        "Lock on an object other code can lock",
        "Lock on {0}, which code outside this type can lock too; lock a private readonly object instead",
        RuleDescriptors.ConcurrencyCategory,
        "Locking this, a Type, a string or a non-private member lets unrelated code take the same lock, which causes "
        + "unexpected contention and deadlocks nobody can see from this type alone.");

    internal override DiagnosticDescriptor Rule => Descriptor;

    internal override void Register(CompilationStartAnalysisContext context, KnownTypes types) =>
        LockedObjects.Register(context, types, Check);

    private static void Check(OperationAnalysisContext context, IOperation lockedValue)
    {
        var value = OperationFacts.WithoutConversions(lockedValue);
        var exposure = Exposure(value);
        if (exposure is not null)
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptor, value.Syntax.GetLocation(), exposure));
        }
    }

    internal static string? Exposure(IOperation value) => value switch
    {
        IInstanceReferenceOperation => "'this'",
        ITypeOfOperation => "a Type object",
        _ when value.Type?.SpecialType == SpecialType.System_String => "a string (equal strings are often one shared object)",
        IFieldReferenceOperation field when IsReachableFromOutside(field.Field) =>
            $"the non-private field '{field.Field.Name}'",
        IPropertyReferenceOperation property when IsReachableFromOutside(property.Property) =>
            $"the non-private property '{property.Property.Name}'",
        _ => null,
    };

    /// <summary>A member is only as visible as its least visible container: a public property of a private nested class
    /// is private to the enclosing type.</summary>
    private static bool IsReachableFromOutside(ISymbol member)
    {
        for (ISymbol? current = member; current is not null and not INamespaceSymbol; current = current.ContainingType)
        {
            if (current.DeclaredAccessibility == Accessibility.Private)
            {
                return false;
            }
        }
        return true;
    }
}
