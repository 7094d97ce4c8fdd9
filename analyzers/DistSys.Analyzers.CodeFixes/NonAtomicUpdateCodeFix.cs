using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace DistSys.Analyzers.CodeFixes;

/// <summary>DS002: x++ becomes Interlocked.Increment(ref x); x += y becomes Interlocked.Add(ref x, y).</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(NonAtomicUpdateCodeFix)), Shared]
public sealed class NonAtomicUpdateCodeFix : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DS002NonAtomicUpdateAnalyzer.Id);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var (root, model) = await FixSupport.LoadAsync(context.Document, context.CancellationToken).ConfigureAwait(false);
        var node = root.FindNode(context.Span, getInnermostNodeForTie: true);
        var replacement = Atomic(node, model);
        if (replacement is null)
        {
            return;
        }
        context.RegisterCodeFix(
            FixSupport.Action("Use Interlocked", nameof(NonAtomicUpdateCodeFix),
                _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(node, replacement.WithTriviaFrom(node))))),
            context.Diagnostics);
    }

    private static ExpressionSyntax? Atomic(SyntaxNode node, SemanticModel model)
    {
        switch (node)
        {
            case PostfixUnaryExpressionSyntax postfix:
                return Unary(postfix.Operand, postfix.IsKind(SyntaxKind.PostIncrementExpression), isPostfix: !IsStatement(postfix), model);
            case PrefixUnaryExpressionSyntax prefix:
                return Unary(prefix.Operand, prefix.IsKind(SyntaxKind.PreIncrementExpression), isPostfix: false, model);
            case AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.AddAssignmentExpression } add:
                return Add(add.Left, add.Right, negate: false, model);
            case AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SubtractAssignmentExpression } subtract:
                return Add(subtract.Left, subtract.Right, negate: true, model);
            case AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression, Right: BinaryExpressionSyntax binary } simple:
                if (binary.IsKind(SyntaxKind.AddExpression) && SyntaxFactory.AreEquivalent(binary.Left, simple.Left))
                {
                    return Add(simple.Left, binary.Right, negate: false, model);
                }
                if (binary.IsKind(SyntaxKind.AddExpression) && SyntaxFactory.AreEquivalent(binary.Right, simple.Left))
                {
                    return Add(simple.Left, binary.Left, negate: false, model);
                }
                if (binary.IsKind(SyntaxKind.SubtractExpression) && SyntaxFactory.AreEquivalent(binary.Left, simple.Left))
                {
                    return Add(simple.Left, binary.Right, negate: true, model);
                }
                return null;
            default:
                return null;
        }
    }

    private static bool IsStatement(SyntaxNode node) => node.Parent is ExpressionStatementSyntax or ForStatementSyntax;

    private static ExpressionSyntax? Unary(ExpressionSyntax target, bool increment, bool isPostfix, SemanticModel model)
    {
        if (!IsSupported(target, model))
        {
            return null;
        }
        var call = Call(increment ? "Increment" : "Decrement", target);
        if (!isPostfix)
        {
            return call;
        }
        // x++ used as a value is the old value: the new one minus one.
        return ParenthesizedExpression(BinaryExpression(increment ? SyntaxKind.SubtractExpression : SyntaxKind.AddExpression, call,
            LiteralExpression(SyntaxKind.NumericLiteralExpression, Literal(1))));
    }

    private static ExpressionSyntax? Add(ExpressionSyntax target, ExpressionSyntax amount, bool negate, SemanticModel model)
    {
        if (!IsSupported(target, model))
        {
            return null;
        }
        var value = negate
            ? PrefixUnaryExpression(SyntaxKind.UnaryMinusExpression, ParenthesizedExpression(amount.WithoutTrivia()))
            : amount.WithoutTrivia();
        return Call("Add", target, value);
    }

    private static bool IsSupported(ExpressionSyntax target, SemanticModel model) =>
        model.GetTypeInfo(target).Type?.SpecialType is SpecialType.System_Int32 or SpecialType.System_Int64
            or SpecialType.System_UInt32 or SpecialType.System_UInt64
        && model.GetSymbolInfo(target).Symbol is IFieldSymbol or ILocalSymbol or IParameterSymbol { RefKind: RefKind.None };

    private static InvocationExpressionSyntax Call(string method, ExpressionSyntax target, params ExpressionSyntax[] rest)
    {
        var arguments = SeparatedList(new[] { Argument(target.WithoutTrivia()).WithRefKindKeyword(Token(SyntaxKind.RefKeyword)) });
        foreach (var extra in rest)
        {
            arguments = arguments.Add(Argument(extra));
        }
        return InvocationExpression(
            MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, FixSupport.QualifiedExpression("System.Threading.Interlocked"), IdentifierName(method)),
            ArgumentList(arguments)).NormalizeWhitespace();
    }
}
