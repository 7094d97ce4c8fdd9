using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace DistSys.Analyzers;

/// <summary>DS010: async void methods and lambdas that are not event handlers.</summary>
public sealed class DS010AsyncVoidAnalyzer : DsAnalyzer
{
    public const string Id = "DS010";

    internal static readonly DiagnosticDescriptor Descriptor = RuleDescriptors.Create(
        Id,
        "async void outside an event handler",
        "'{0}' is async void: nobody can await it and an exception in it crashes the process; return Task",
        RuleDescriptors.ConcurrencyCategory,
        "An async void method runs unobserved: callers cannot wait for it to finish, and an exception escaping it is "
        + "rethrown on the thread pool where it terminates the process. Only event handlers need to be async void.");

    internal override DiagnosticDescriptor Rule => Descriptor;

    internal override void Register(CompilationStartAnalysisContext context, KnownTypes types)
    {
        context.RegisterSymbolAction(
            c =>
            {
                var method = (IMethodSymbol)c.Symbol;
                if (IsAsyncVoid(method, types) && !method.IsImplicitlyDeclared && method.Locations.Length > 0)
                {
                    c.ReportDiagnostic(Diagnostic.Create(Descriptor, method.Locations[0], method.Name));
                }
            },
            SymbolKind.Method);
        context.RegisterOperationAction(
            c =>
            {
                var local = (ILocalFunctionOperation)c.Operation;
                if (IsAsyncVoid(local.Symbol, types) && local.Syntax is LocalFunctionStatementSyntax syntax)
                {
                    c.ReportDiagnostic(Diagnostic.Create(Descriptor, syntax.Identifier.GetLocation(), local.Symbol.Name));
                }
            },
            OperationKind.LocalFunction);
        context.RegisterOperationAction(
            c =>
            {
                var lambda = (IAnonymousFunctionOperation)c.Operation;
                if (IsAsyncVoid(lambda.Symbol, types) && lambda.Syntax is AnonymousFunctionExpressionSyntax syntax)
                {
                    c.ReportDiagnostic(Diagnostic.Create(Descriptor, syntax.AsyncKeyword.GetLocation(), "async lambda"));
                }
            },
            OperationKind.AnonymousFunction);
    }

    private static bool IsAsyncVoid(IMethodSymbol method, KnownTypes types) =>
        method.IsAsync && method.ReturnsVoid && !IsEventHandlerShaped(method, types);

    /// <summary>(object sender, EventArgs e): the one signature where async void is the only option.</summary>
    internal static bool IsEventHandlerShaped(IMethodSymbol method, KnownTypes types) =>
        method.Parameters.Length == 2
        && method.Parameters[0].Type.SpecialType == SpecialType.System_Object
        && KnownTypes.IsOrDerivesFrom(method.Parameters[1].Type, types.EventArgs);
}
