using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DistSys.Analyzers.CodeFixes;

/// <summary>DS010: async void becomes async Task, unless the signature is dictated by a base type or interface.</summary>
[ExportCodeFixProvider(Microsoft.CodeAnalysis.LanguageNames.CSharp, Name = nameof(AsyncVoidCodeFix)), Shared]
public sealed class AsyncVoidCodeFix : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DS010AsyncVoidAnalyzer.Id);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var (root, model) = await FixSupport.LoadAsync(context.Document, context.CancellationToken).ConfigureAwait(false);
        var node = root.FindNode(context.Span, getInnermostNodeForTie: true);
        TypeSyntax? returnType = node switch
        {
            MethodDeclarationSyntax method when model.GetDeclaredSymbol(method, context.CancellationToken) is IMethodSymbol symbol && IsFreeToChange(symbol) => method.ReturnType,
            LocalFunctionStatementSyntax local => local.ReturnType,
            _ => null,
        };
        if (returnType is null)
        {
            return;
        }
        context.RegisterCodeFix(
            FixSupport.Action("Return Task", nameof(AsyncVoidCodeFix), _ =>
                Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(returnType,
                    FixSupport.QualifiedType("System.Threading.Tasks.Task").WithTriviaFrom(returnType))))),
            context.Diagnostics);
    }

    /// <summary>Overrides and interface implementations must keep the signature they were given.</summary>
    private static bool IsFreeToChange(IMethodSymbol method)
    {
        if (method.IsOverride || method.ExplicitInterfaceImplementations.Length > 0)
        {
            return false;
        }
        foreach (var contract in method.ContainingType.AllInterfaces)
        {
            foreach (var member in contract.GetMembers(method.Name))
            {
                if (SymbolEqualityComparer.Default.Equals(method.ContainingType.FindImplementationForInterfaceMember(member), method))
                {
                    return false;
                }
            }
        }
        return true;
    }
}
