using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace DistSys.Analyzers;

/// <summary>
/// What every DS rule does the same way: one descriptor, concurrent execution, generated code skipped, and the
/// framework types resolved once per compilation before any callback runs. Builds load the rules through
/// <see cref="DistSysAnalyzer"/>; a rule can also run alone (the tests do), hence it is an analyzer itself.
/// </summary>
public abstract class DsAnalyzer : DiagnosticAnalyzer
{
    internal abstract DiagnosticDescriptor Rule { get; }

    public sealed override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public sealed override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start => Register(start, KnownTypes.From(start.Compilation)));
    }

    internal abstract void Register(CompilationStartAnalysisContext context, KnownTypes types);
}
