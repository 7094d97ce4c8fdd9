using System.Reflection;
using System.Text;

namespace DistSys.ApiParity.Tests;

/// <summary>Describes the public surface of the types in one namespace as sorted signature lines.</summary>
internal static class PublicApi
{
    private const BindingFlags Declared =
        BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    public static SortedSet<string> Describe(Assembly assembly, string rootNamespace)
    {
        var lines = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var type in assembly.GetExportedTypes().Where(t => InNamespace(t, rootNamespace)))
        {
            lines.Add(TypeLine(type));
            foreach (var member in type.GetMembers(Declared).Where(IsVisible))
            {
                lines.Add($"{Name(type)} :: {MemberLine(member)}");
            }
        }

        return lines;
    }

    private static bool InNamespace(Type type, string rootNamespace) =>
        type.Namespace == rootNamespace || (type.Namespace?.StartsWith(rootNamespace + ".", StringComparison.Ordinal) ?? false);

    private static bool IsVisible(MemberInfo member) => member switch
    {
        ConstructorInfo ctor => ctor.IsPublic || ctor.IsFamily || ctor.IsFamilyOrAssembly,
        MethodBase method => (method.IsPublic || method.IsFamily || method.IsFamilyOrAssembly) && !IsAccessor(method) && !OverridesObject(method),
        PropertyInfo property => property.GetAccessors(nonPublic: false).Length > 0,
        FieldInfo field => field.IsPublic || field.IsFamily,
        EventInfo e => e.AddMethod?.IsPublic ?? false,
        Type nested => nested.IsNestedPublic,
        _ => false,
    };

    // Property and event accessors are described with their property or event; operators stay in as methods.
    private static bool IsAccessor(MethodBase method) =>
        method.IsSpecialName && (method.Name.StartsWith("get_", StringComparison.Ordinal) || method.Name.StartsWith("set_", StringComparison.Ordinal) ||
                                 method.Name.StartsWith("add_", StringComparison.Ordinal) || method.Name.StartsWith("remove_", StringComparison.Ordinal));

    // ToString, Equals and GetHashCode overrides are conveniences, not part of what a student must implement.
    private static bool OverridesObject(MethodBase method) =>
        method is MethodInfo info && info.GetBaseDefinition().DeclaringType == typeof(object) && info.DeclaringType != typeof(object);

    private static string TypeLine(Type type)
    {
        var kind = type.IsEnum ? "enum" : type.IsInterface ? "interface" : type.IsValueType ? "struct" : type.IsAbstract && type.IsSealed ? "static class" : "class";
        var modifiers = type is { IsClass: true, IsSealed: true, IsAbstract: false } ? "sealed " : type is { IsClass: true, IsAbstract: true, IsSealed: false } ? "abstract " : string.Empty;
        var bases = new List<string>();
        if (type.BaseType is { } baseType && baseType != typeof(object) && baseType != typeof(ValueType) && baseType != typeof(Enum))
        {
            bases.Add(Name(baseType));
        }

        bases.AddRange(type.GetInterfaces().Select(Name).Order(StringComparer.Ordinal));
        var enumValues = type.IsEnum ? " = " + string.Join(", ", Enum.GetNames(type).Zip(Enum.GetValuesAsUnderlyingType(type).Cast<object>(), (n, v) => $"{n}={v}")) : string.Empty;
        return $"{modifiers}{kind} {Name(type)}{(bases.Count > 0 ? " : " + string.Join(", ", bases) : string.Empty)}{enumValues}";
    }

    private static string MemberLine(MemberInfo member) => member switch
    {
        ConstructorInfo ctor => $"{Access(ctor)}{(ctor.IsStatic ? "static " : string.Empty)}ctor({Parameters(ctor)})",
        MethodInfo method => $"{Access(method)}{Modifiers(method)}{Name(method.ReturnType)} {method.Name}{GenericArguments(method)}({Parameters(method)})",
        PropertyInfo property => $"property {Name(property.PropertyType)} {property.Name}{Indexer(property)} {{ {Accessors(property)}}}",
        FieldInfo field => $"{Access(field)}{(field.IsStatic ? "static " : string.Empty)}{(field.IsInitOnly ? "readonly " : string.Empty)}{(field.IsLiteral ? "const " : string.Empty)}field {Name(field.FieldType)} {field.Name}",
        EventInfo e => $"event {Name(e.EventHandlerType!)} {e.Name}",
        Type nested => $"nested {TypeLine(nested)}",
        _ => member.ToString() ?? member.Name,
    };

    private static string Access(MethodBase method) => method.IsPublic ? "public " : "protected ";

    private static string Access(FieldInfo field) => field.IsPublic ? "public " : "protected ";

    private static string Modifiers(MethodInfo method) =>
        (method.IsStatic ? "static " : string.Empty) +
        (method.IsAbstract ? "abstract " : method.IsVirtual && !method.IsFinal && method.GetBaseDefinition() == method ? "virtual " : string.Empty);

    private static string GenericArguments(MethodInfo method) =>
        method.IsGenericMethodDefinition ? "<" + string.Join(", ", method.GetGenericArguments().Select(a => a.Name)) + ">" : string.Empty;

    private static string Indexer(PropertyInfo property)
    {
        var index = property.GetIndexParameters();
        return index.Length == 0 ? string.Empty : "[" + string.Join(", ", index.Select(p => $"{Name(p.ParameterType)} {p.Name}")) + "]";
    }

    private static string Accessors(PropertyInfo property)
    {
        var text = new StringBuilder();
        if (property.GetMethod is { IsPublic: true } or { IsFamily: true })
        {
            text.Append("get; ");
        }

        if (property.SetMethod is { } setter && (setter.IsPublic || setter.IsFamily))
        {
            var initOnly = setter.ReturnParameter.GetRequiredCustomModifiers().Any(m => m.FullName == "System.Runtime.CompilerServices.IsExternalInit");
            text.Append(initOnly ? "init; " : "set; ");
        }

        return text.ToString();
    }

    private static string Parameters(MethodBase method) => string.Join(", ", method.GetParameters().Select(p =>
        (p.IsOut ? "out " : p.ParameterType.IsByRef ? "ref " : string.Empty) +
        $"{Name(p.ParameterType)} {p.Name}" +
        (p.HasDefaultValue ? $" = {p.DefaultValue ?? "null"}" : string.Empty)));

    private static string Name(Type type)
    {
        if (type.IsByRef)
        {
            return Name(type.GetElementType()!);
        }

        if (type.IsArray)
        {
            return Name(type.GetElementType()!) + "[]";
        }

        if (type.IsGenericParameter)
        {
            return type.Name;
        }

        var name = type.IsNested ? Name(type.DeclaringType!) + "." + type.Name : $"{type.Namespace}.{type.Name}";
        if (!type.IsGenericType)
        {
            return name;
        }

        var tick = name.IndexOf('`', StringComparison.Ordinal);
        return (tick < 0 ? name : name[..tick]) + "<" + string.Join(", ", type.GetGenericArguments().Select(Name)) + ">";
    }
}
