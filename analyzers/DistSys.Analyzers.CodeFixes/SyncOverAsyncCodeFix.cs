using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DistSys.Analyzers.CodeFixes;

/// <summary>DS011: t.Result, t.Wait() and t.GetAwaiter().GetResult() become await t.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SyncOverAsyncCodeFix)), Shared]
public sealed class SyncOverAsyncCodeFix : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DS011SyncOverAsyncAnalyzer.Id);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var node = root!.FindNode(context.Span, getInnermostNodeForTie: true);
        var task = node switch
        {
            MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Result" } result => result.Expression,
            InvocationExpressionSyntax { ArgumentList.Arguments.Count: 0, Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Wait" } wait } => wait.Expression,
            InvocationExpressionSyntax
            {
                Expression: MemberAccessExpressionSyntax
                {
                    Name.Identifier.ValueText: "GetResult",
                    Expression: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "GetAwaiter" } getAwaiter },
                },
            } => getAwaiter.Expression,
            _ => null,
        };
        if (task is null || node is not ExpressionSyntax blocking)
        {
            return;
        }
        context.RegisterCodeFix(
            FixSupport.Action("Await the task", nameof(SyncOverAsyncCodeFix), _ =>
            {
                ExpressionSyntax awaited = SyntaxFactory.AwaitExpression(task.WithoutTrivia());
                if (NeedsParentheses(blocking))
                {
                    awaited = SyntaxFactory.ParenthesizedExpression(awaited);
                }
                return Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(blocking, awaited.WithTriviaFrom(blocking))));
            }),
            context.Diagnostics);
    }

    /// <summary>await binds looser than member access and binary operators; standalone positions need no parentheses.</summary>
    private static bool NeedsParentheses(SyntaxNode node) =>
        node.Parent is not (ExpressionStatementSyntax or EqualsValueClauseSyntax or ReturnStatementSyntax or ArgumentSyntax
            or ArrowExpressionClauseSyntax or ParenthesizedExpressionSyntax)
        && !(node.Parent is AssignmentExpressionSyntax assignment && assignment.Right == node);
}
