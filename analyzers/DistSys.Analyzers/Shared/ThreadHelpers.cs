using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace DistSys.Analyzers;

/// <summary>
/// Methods of the compilation itself that run a delegate parameter on other threads, such as a
/// <c>Workers.Run(workers, operations, body)</c> that starts one thread per worker and calls <c>body</c> on each. A
/// lambda handed to such a helper runs where the helper runs it, so the rules treat it like one handed to
/// <c>new Thread</c> or <c>Parallel.For</c>. Found once per compilation, and only in source: a helper from a referenced
/// assembly has no body to read.
/// </summary>
internal sealed class ThreadHelpers
{
    // A helper calling a helper calling a helper is already rare; this bounds the fixed point on pathological code.
    private const int MaxRounds = 4;

    private readonly Dictionary<IParameterSymbol, ThreadDelegateKind> _kinds;

    private ThreadHelpers(Dictionary<IParameterSymbol, ThreadDelegateKind> kinds)
    {
        _kinds = kinds;
        Names = new HashSet<string>(kinds.Keys.Select(p => p.ContainingSymbol.Kind == SymbolKind.Method && ((IMethodSymbol)p.ContainingSymbol).MethodKind == MethodKind.Constructor
            ? p.ContainingSymbol.ContainingType.Name
            : p.ContainingSymbol.Name));
    }

    public static readonly ThreadHelpers None = new(new Dictionary<IParameterSymbol, ThreadDelegateKind>(SymbolEqualityComparer.Default));

    /// <summary>Names of the helpers (methods, or types for constructors), for the rules' cheap syntactic pre-check.</summary>
    public HashSet<string> Names { get; }

    /// <summary>How a delegate passed for this parameter runs; <see cref="ThreadDelegateKind.None"/> for ordinary parameters.</summary>
    public ThreadDelegateKind KindOf(IParameterSymbol? parameter) =>
        parameter is not null && _kinds.TryGetValue(parameter.OriginalDefinition, out var kind) ? kind : ThreadDelegateKind.None;

    public static ThreadHelpers Find(Compilation compilation, KnownTypes types, CancellationToken cancellationToken)
    {
        var candidates = new List<(IParameterSymbol Parameter, IOperation Body)>();
        foreach (var tree in compilation.SyntaxTrees)
        {
            var root = tree.GetRoot(cancellationToken);
            if (!root.DescendantTokens().Any(t => t.IsKind(SyntaxKind.IdentifierToken) && SyntaxHints.ThreadingNames.Contains(t.ValueText)))
            {
                continue;
            }
            SemanticModel? model = null;
            foreach (var declaration in root.DescendantNodes().OfType<BaseMethodDeclarationSyntax>())
            {
                if (declaration.ParameterList.Parameters.Count == 0 || (declaration.Body is null && declaration.ExpressionBody is null))
                {
                    continue;
                }
#pragma warning disable RS1030 // The helper's body lives in another tree than the code that calls it; nothing else reads it.
                model ??= compilation.GetSemanticModel(tree);
#pragma warning restore RS1030
                if (model.GetDeclaredSymbol(declaration, cancellationToken) is not IMethodSymbol method
                    || !method.Parameters.Any(p => p.Type.TypeKind == TypeKind.Delegate)
                    || model.GetOperation(declaration, cancellationToken) is not { } body)
                {
                    continue;
                }
                candidates.AddRange(method.Parameters.Where(p => p.Type.TypeKind == TypeKind.Delegate).Select(p => (p, body)));
            }
        }
        if (candidates.Count == 0)
        {
            return None;
        }

        // Rounds: a helper that hands its delegate to another helper is found once the inner one is known.
        var known = None;
        for (var round = 0; round < MaxRounds; round++)
        {
            var kinds = new Dictionary<IParameterSymbol, ThreadDelegateKind>(SymbolEqualityComparer.Default);
            foreach (var (parameter, body) in candidates)
            {
                var kind = KindIn(parameter, body, types, known);
                if (kind != ThreadDelegateKind.None)
                {
                    kinds[parameter] = kind;
                }
            }
            var next = new ThreadHelpers(kinds);
            if (kinds.Count == known._kinds.Count && kinds.All(k => known._kinds.TryGetValue(k.Key, out var old) && old == k.Value))
            {
                return next;
            }
            known = next;
        }
        return known;
    }

    /// <summary>
    /// Several threads at once when a use sits in a delegate that runs on several threads, or when the delegate is used
    /// on another thread and also somewhere else (another thread, or the caller's); once on another thread otherwise.
    /// </summary>
    private static ThreadDelegateKind KindIn(IParameterSymbol parameter, IOperation body, KnownTypes types, ThreadHelpers known)
    {
        var uses = 0;
        var onOtherThreads = 0;
        foreach (var reference in OperationFacts.DescendantsAndSelf(body).OfType<IParameterReferenceOperation>())
        {
            if (!SymbolEqualityComparer.Default.Equals(reference.Parameter, parameter))
            {
                continue;
            }
            uses++;
            var kind = ThreadDelegates.KindOfUse(reference, types, known);
            if (kind == ThreadDelegateKind.ConcurrentWithItself)
            {
                return kind;
            }
            if (kind == ThreadDelegateKind.OtherThread)
            {
                onOtherThreads++;
            }
        }
        return onOtherThreads == 0 ? ThreadDelegateKind.None
            : uses > 1 ? ThreadDelegateKind.ConcurrentWithItself
            : ThreadDelegateKind.OtherThread;
    }
}
