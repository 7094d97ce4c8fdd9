using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace DistSys.Analyzers.CodeFixes;

/// <summary>Small pieces every DS code fix needs.</summary>
internal static class FixSupport
{
    public static async Task<(SyntaxNode Root, SemanticModel Model)> LoadAsync(Document document, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        return (root!, model!);
    }

    /// <summary>A type written fully qualified and marked so the simplifier shortens it where a using allows.</summary>
    public static TypeSyntax QualifiedType(string fullName) =>
        SyntaxFactory.ParseTypeName(fullName).WithAdditionalAnnotations(Simplifier.Annotation);

    public static ExpressionSyntax QualifiedExpression(string text) =>
        SyntaxFactory.ParseExpression(text).WithAdditionalAnnotations(Simplifier.Annotation, Formatter.Annotation);

    public static CodeAction Action(string title, string equivalenceKey, System.Func<CancellationToken, Task<Document>> change) =>
        CodeAction.Create(title, change, equivalenceKey);

    public static CodeAction SolutionAction(string title, string equivalenceKey, System.Func<CancellationToken, Task<Solution>> change) =>
        CodeAction.Create(title, change, equivalenceKey);

    /// <summary>Adds a modifier after the accessibility and static modifiers, keeping the declaration's trivia.</summary>
    public static FieldDeclarationSyntax AddModifier(FieldDeclarationSyntax field, SyntaxKind kind)
    {
        var token = SyntaxFactory.Token(kind).WithTrailingTrivia(SyntaxFactory.Space);
        if (field.Modifiers.Count == 0)
        {
            var leading = field.Declaration.GetLeadingTrivia();
            return field.WithDeclaration(field.Declaration.WithLeadingTrivia())
                .WithModifiers(SyntaxFactory.TokenList(token.WithLeadingTrivia(leading)));
        }
        return field.WithModifiers(field.Modifiers.Add(token));
    }

    /// <summary>The field declaration that declares exactly this one field, if the field is declared in this solution.</summary>
    public static async Task<(Document Document, FieldDeclarationSyntax Declaration)?> SingleFieldDeclarationAsync(
        Solution solution, IFieldSymbol field, CancellationToken cancellationToken)
    {
        var reference = field.DeclaringSyntaxReferences.FirstOrDefault();
        if (reference is null)
        {
            return null;
        }
        var node = await reference.GetSyntaxAsync(cancellationToken).ConfigureAwait(false);
        if (node is not VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Variables.Count: 1, Parent: FieldDeclarationSyntax declaration } })
        {
            return null;
        }
        var document = solution.GetDocument(node.SyntaxTree);
        return document is null ? null : (document, declaration);
    }
}
