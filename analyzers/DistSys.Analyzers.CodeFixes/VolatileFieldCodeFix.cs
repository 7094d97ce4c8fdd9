using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;

namespace DistSys.Analyzers.CodeFixes;

/// <summary>DS012 and DS015: declare the field volatile, so every read sees the latest write in order.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(VolatileFieldCodeFix)), Shared]
public sealed class VolatileFieldCodeFix : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds =>
        ImmutableArray.Create(DS012DoubleCheckedLockingAnalyzer.Id, DS015HoistableStopFlagAnalyzer.Id);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var (root, model) = await FixSupport.LoadAsync(context.Document, context.CancellationToken).ConfigureAwait(false);
        var node = root.FindNode(context.Span, getInnermostNodeForTie: true);
        if (model.GetSymbolInfo(node, context.CancellationToken).Symbol is not IFieldSymbol { IsReadOnly: false, IsVolatile: false } field
            || !CanBeVolatile(field.Type))
        {
            return;
        }
        var solution = context.Document.Project.Solution;
        if (await FixSupport.SingleFieldDeclarationAsync(solution, field, context.CancellationToken).ConfigureAwait(false) is not { } declaration)
        {
            return;
        }
        context.RegisterCodeFix(
            FixSupport.SolutionAction($"Make '{field.Name}' volatile", nameof(VolatileFieldCodeFix), async cancellationToken =>
            {
                var fieldRoot = await declaration.Document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
                var updated = fieldRoot!.ReplaceNode(declaration.Declaration, FixSupport.AddModifier(declaration.Declaration, SyntaxKind.VolatileKeyword));
                return solution.WithDocumentSyntaxRoot(declaration.Document.Id, updated);
            }),
            context.Diagnostics);
    }

    /// <summary>The C# rules for volatile fields: references, small primitives, and enums over them.</summary>
    private static bool CanBeVolatile(ITypeSymbol type)
    {
        if (type.IsReferenceType || type.TypeKind == TypeKind.TypeParameter && type.IsReferenceType)
        {
            return true;
        }
        if (type is INamedTypeSymbol { TypeKind: TypeKind.Enum, EnumUnderlyingType: { } underlying })
        {
            type = underlying;
        }
        return type.SpecialType is SpecialType.System_Boolean or SpecialType.System_Char or SpecialType.System_Byte or SpecialType.System_SByte
            or SpecialType.System_Int16 or SpecialType.System_UInt16 or SpecialType.System_Int32 or SpecialType.System_UInt32
            or SpecialType.System_Single or SpecialType.System_IntPtr or SpecialType.System_UIntPtr;
    }
}
