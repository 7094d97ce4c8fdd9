using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace DistSys.Analyzers.CodeFixes;

/// <summary>DS007: take the Random from the caller (a new parameter), or at least seed it explicitly.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UnseededRandomCodeFix)), Shared]
public sealed class UnseededRandomCodeFix : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DS007UnseededRandomAnalyzer.Id);

    public override FixAllProvider? GetFixAllProvider() => null;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root!.FindNode(context.Span, getInnermostNodeForTie: true) is not ExpressionSyntax random)
        {
            return;
        }
        if (LastIsPlain(random))
        {
            RegisterParameterFix(context, root, random);
        }
        if (random is BaseObjectCreationExpressionSyntax creation)
        {
            context.RegisterCodeFix(
                FixSupport.Action("Seed the Random explicitly", nameof(UnseededRandomCodeFix) + ".Seed", _ =>
                {
                    var seeded = creation.WithArgumentList(ArgumentList(SingletonSeparatedList(Argument(
                        LiteralExpression(SyntaxKind.NumericLiteralExpression, Literal(0))))));
                    return Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(creation, seeded)));
                }),
                context.Diagnostics);
        }
    }

    /// <summary>A parameter can be appended when the method's last parameter is neither optional nor params.</summary>
    private static bool LastIsPlain(SyntaxNode random) =>
        random.FirstAncestorOrSelf<SyntaxNode>(n => n is BaseMethodDeclarationSyntax or AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax
            or FieldDeclarationSyntax or PropertyDeclarationSyntax) is BaseMethodDeclarationSyntax method
        && method.ParameterList.Parameters.LastOrDefault() is null or { Default: null } and not { Modifiers.Count: > 0 };

    private static void RegisterParameterFix(CodeFixContext context, SyntaxNode root, ExpressionSyntax random)
    {
        var method = random.FirstAncestorOrSelf<BaseMethodDeclarationSyntax>()!;
        // var random = new Random(); becomes the parameter itself; elsewhere the expression is replaced by it.
        var declarator = random.Parent is EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Variables.Count: 1, Parent: LocalDeclarationStatementSyntax statement } } local }
            ? (local, statement)
            : default;
        var name = declarator.local?.Identifier.ValueText ?? "random";
        if (declarator.local is null && method.ParameterList.Parameters.Any(p => p.Identifier.ValueText == name))
        {
            return;
        }
        context.RegisterCodeFix(
            FixSupport.Action("Take the Random as a parameter", nameof(UnseededRandomCodeFix) + ".Parameter", _ =>
            {
                var parameter = Parameter(Identifier(name)).WithType(FixSupport.QualifiedType("System.Random").WithTrailingTrivia(Space));
                var updated = declarator.statement is not null
                    ? root.TrackNodes(method, declarator.statement)
                    : root.TrackNodes(method, random);
                if (declarator.statement is not null)
                {
                    updated = updated.RemoveNode(updated.GetCurrentNode(declarator.statement)!, SyntaxRemoveOptions.KeepNoTrivia)!;
                }
                else
                {
                    updated = updated.ReplaceNode(updated.GetCurrentNode(random)!, IdentifierName(name).WithTriviaFrom(random));
                }
                var currentMethod = updated.GetCurrentNode(method)!;
                var parameters = currentMethod.ParameterList.Parameters.Count == 0
                    ? currentMethod.ParameterList.Parameters.Add(parameter)
                    : currentMethod.ParameterList.Parameters.Add(parameter.WithLeadingTrivia(Space));
                updated = updated.ReplaceNode(currentMethod, currentMethod.WithParameterList(currentMethod.ParameterList.WithParameters(parameters)));
                return Task.FromResult(context.Document.WithSyntaxRoot(updated));
            }),
            context.Diagnostics);
    }
}
