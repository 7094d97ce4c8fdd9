using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace DistSys.Analyzers;

/// <summary>
/// A cheap syntactic pre-check per type: the expensive per-type rules register their operation callbacks only for types
/// whose source mentions a lock, a threading API or an atomic primitive. Most types mention none, and pay nothing.
/// </summary>
internal static class SyntaxHints
{
    public static readonly HashSet<string> LockNames = new()
    {
        "Enter", "TryEnter", "EnterReadLock", "EnterWriteLock", "EnterUpgradeableReadLock", "TryEnterReadLock",
        "TryEnterWriteLock", "TryEnterUpgradeableReadLock", "Wait", "WaitAsync",
    };

    public static readonly HashSet<string> ThreadingNames = new()
    {
        "Parallel", "Run", "StartNew", "Thread", "QueueUserWorkItem", "UnsafeQueueUserWorkItem", "ContinueWith", "Timer",
        "Interlocked", "Volatile",
    };

    /// <summary>True when the type's declarations contain a <c>lock</c> statement (with <paramref name="lockKeyword"/>)
    /// or an identifier from <paramref name="names"/> (or the <c>volatile</c> keyword when <paramref name="volatileKeyword"/>).</summary>
    public static bool Mentions(INamedTypeSymbol type, HashSet<string>? names, bool lockKeyword, bool volatileKeyword, CancellationToken cancellationToken) =>
        Mentions(type, names, null, lockKeyword, volatileKeyword, cancellationToken);

    /// <summary>As above, also true for an identifier from <paramref name="moreNames"/> (the compilation's thread-starting helpers).</summary>
    public static bool Mentions(INamedTypeSymbol type, HashSet<string>? names, HashSet<string>? moreNames, bool lockKeyword, bool volatileKeyword, CancellationToken cancellationToken)
    {
        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            foreach (var token in reference.GetSyntax(cancellationToken).DescendantTokens())
            {
                switch (token.Kind())
                {
                    case SyntaxKind.LockKeyword when lockKeyword:
                    case SyntaxKind.VolatileKeyword when volatileKeyword:
                        return true;
                    case SyntaxKind.IdentifierToken when (names is not null && names.Contains(token.ValueText))
                        || (moreNames is not null && moreNames.Contains(token.ValueText)):
                        return true;
                }
            }
        }
        return false;
    }
}
