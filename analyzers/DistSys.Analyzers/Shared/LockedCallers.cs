using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace DistSys.Analyzers;

/// <summary>A call from one member of a type to a private method of the same type.</summary>
internal sealed record InternalCall(ISymbol Caller, IMethodSymbol Callee, bool UnderLock);

/// <summary>
/// Private helpers that only ever run with a lock held (every call site is under a lock, in a constructor, or in
/// another such helper). Accesses inside them count as locked, as in RacerD's interprocedural summaries.
/// </summary>
internal static class LockedCallers
{
    public static HashSet<ISymbol> HelpersAlwaysCalledUnderLock(IEnumerable<InternalCall> calls)
    {
        var byCallee = calls.GroupBy(c => (ISymbol)c.Callee, SymbolEqualityComparer.Default).ToList();
        var held = new HashSet<ISymbol>(
            byCallee.Where(g => g.Key.DeclaredAccessibility == Accessibility.Private && g.Key is IMethodSymbol { MethodKind: MethodKind.Ordinary })
                .Select(g => g.Key),
            SymbolEqualityComparer.Default);
        bool changed;
        do
        {
            changed = false;
            foreach (var group in byCallee)
            {
                if (held.Contains(group.Key) && group.Any(call => !call.UnderLock && !IsConstructor(call.Caller) && !held.Contains(call.Caller)))
                {
                    held.Remove(group.Key);
                    changed = true;
                }
            }
        }
        while (changed);
        return held;
    }

    /// <summary>Constructors, and field or property initializers (the only operations owned by a field or property).</summary>
    public static bool IsConstructor(ISymbol member) =>
        member is IMethodSymbol { MethodKind: MethodKind.Constructor or MethodKind.StaticConstructor } or IFieldSymbol or IPropertySymbol;
}
