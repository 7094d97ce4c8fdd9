using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DistSys.Analyzers.CodeFixes;

/// <summary>DS004: make the lock field readonly, when nothing outside construction assigns it.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ReadonlyLockFieldCodeFix)), Shared]
public sealed class ReadonlyLockFieldCodeFix : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DS004MutableLockFieldAnalyzer.Id);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var (root, model) = await FixSupport.LoadAsync(context.Document, context.CancellationToken).ConfigureAwait(false);
        var node = root.FindNode(context.Span, getInnermostNodeForTie: true);
        if (model.GetSymbolInfo(node, context.CancellationToken).Symbol is not IFieldSymbol { IsVolatile: false } field
            || AssignedOutsideConstruction(root, model, field)
            || await FixSupport.SingleFieldDeclarationAsync(context.Document.Project.Solution, field, context.CancellationToken).ConfigureAwait(false)
                is not { } declaration
            || declaration.Document.Id != context.Document.Id)
        {
            return;
        }
        context.RegisterCodeFix(
            FixSupport.Action($"Make '{field.Name}' readonly", nameof(ReadonlyLockFieldCodeFix), _ =>
                Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(declaration.Declaration,
                    FixSupport.AddModifier(declaration.Declaration, SyntaxKind.ReadOnlyKeyword))))),
            context.Diagnostics);
    }

    private static bool AssignedOutsideConstruction(SyntaxNode root, SemanticModel model, IFieldSymbol field) =>
        root.DescendantNodes().OfType<AssignmentExpressionSyntax>().Any(assignment =>
            SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(assignment.Left).Symbol, field)
            && assignment.FirstAncestorOrSelf<ConstructorDeclarationSyntax>() is null);
}
