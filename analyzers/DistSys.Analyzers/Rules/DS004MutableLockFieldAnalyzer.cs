using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace DistSys.Analyzers;

/// <summary>DS004: locking a field that can be reassigned.</summary>
public sealed class DS004MutableLockFieldAnalyzer : DsAnalyzer
{
    public const string Id = "DS004";

    internal static readonly DiagnosticDescriptor Descriptor = RuleDescriptors.Create(
        Id,
        "Lock on a field that is not readonly",
        "Lock field '{0}' is not readonly: once it is reassigned, two threads can hold 'the' lock at the same time",
        RuleDescriptors.ConcurrencyCategory,
        "A lock protects data only if every thread locks the same object. A field that can be reassigned may hand "
        + "different threads different lock objects.");

    internal override DiagnosticDescriptor Rule => Descriptor;

    internal override void Register(CompilationStartAnalysisContext context, KnownTypes types) =>
        LockedObjects.Register(context, types, Check);

    private static void Check(OperationAnalysisContext context, IOperation lockedValue)
    {
        if (OperationFacts.WithoutConversions(lockedValue) is IFieldReferenceOperation { Field: { IsReadOnly: false, IsConst: false } field } reference)
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptor, reference.Syntax.GetLocation(), field.Name));
        }
    }
}
