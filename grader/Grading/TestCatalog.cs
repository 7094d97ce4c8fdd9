using System.Collections.Immutable;
using System.Globalization;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text;

namespace DistSys.Grader.Grading;

/// <summary>Whether NUnit runs a test when the whole suite runs.</summary>
internal enum CatalogRunState
{
    Runnable,

    /// <summary>[Explicit]: runs only when asked for by name; not part of the grade.</summary>
    Explicit,

    /// <summary>[Ignore]: never runs; not part of the grade.</summary>
    Ignored,
}

/// <summary>One test (or, for a test whose cases come from a source, one test method) found in a suite's metadata.</summary>
/// <param name="FullName">
/// The name NUnit reports for the test (<c>Namespace.Fixture.Method</c>, with its arguments for a [TestCase] and with the
/// fixture's for a parameterized fixture), or, when <see cref="IsSourceDriven"/>, the name up to and including the opening
/// parenthesis of the arguments, which only running the source would tell.
/// </param>
/// <param name="MethodKey">The fixture's type and the method without any arguments: <c>Namespace.Fixture.Method</c>.</param>
/// <param name="Categories">The method's [Category] names (with a [TestCase]'s own Category), else the fixture's.</param>
/// <param name="IsSourceDriven">The cases come from [TestCaseSource], [Values] and the like, or a name pattern.</param>
internal sealed record CatalogTest(string FullName, string MethodKey, IReadOnlyList<string> Categories, CatalogRunState RunState, bool IsSourceDriven)
{
    /// <summary>
    /// A hidden test (tests/&lt;slug&gt;/Hidden/, <c>[Category("hidden")]</c> on the method, a [TestCase] or the fixture): it
    /// counts in the score, but student-facing reports name it only after the rubric reveals hidden tests.
    /// </summary>
    public bool IsHidden { get; init; }

    /// <summary>Where the test method starts in its source file, from the suite's portable PDB; null without one.</summary>
    public SourceLocation? Source { get; init; }

    /// <summary>True when <paramref name="reportedName"/> (a name the suite reported) is this test or one of its cases.</summary>
    public bool Matches(string reportedName)
    {
        var name = TestCatalog.WithoutCopySuffix(reportedName);
        return IsSourceDriven ? name.StartsWith(FullName, StringComparison.Ordinal) && name.EndsWith(')') : name == FullName;
    }
}

/// <summary>A line of a source file; <see cref="Path"/> is relative to the kit (with '/') when the file is inside it.</summary>
internal sealed record SourceLocation(string Path, int Line);

/// <summary>
/// The tests of a compiled suite and their categories, read from the assembly's metadata without loading or running it:
/// what a test is worth must come from the trusted build, never from the process that runs the student's code. Names follow
/// NUnit's (the suite host reports <c>ITest.FullName</c>); cases produced by a source at run time are listed once per
/// method (<see cref="CatalogTest.IsSourceDriven"/>), since only running the source could name them.
/// </summary>
internal sealed class TestCatalog
{
    private const string Framework = "NUnit.Framework.";

    /// <summary>The NUnit category that marks a hidden test (it is not a weight category).</summary>
    public const string HiddenCategory = "hidden";

    private readonly Dictionary<string, CatalogTest> byName;
    private readonly Dictionary<string, CatalogTest> byMethod;

    private TestCatalog(IReadOnlyList<CatalogTest> tests)
    {
        Tests = tests;
        byName = new Dictionary<string, CatalogTest>(StringComparer.Ordinal);
        byMethod = new Dictionary<string, CatalogTest>(StringComparer.Ordinal);
        foreach (var test in tests)
        {
            if (!test.IsSourceDriven)
            {
                byName.TryAdd(test.FullName, test);
            }

            byMethod.TryAdd(test.MethodKey, test);
        }
    }

    /// <summary>Every test found, in metadata order (fixtures, then their methods, then their cases).</summary>
    public IReadOnlyList<CatalogTest> Tests { get; }

    /// <summary>The catalog's entry for a name the suite reported: its exact case, else the method it belongs to.</summary>
    public CatalogTest? Find(string reportedName)
    {
        var name = WithoutCopySuffix(reportedName);
        return byName.GetValueOrDefault(name) ?? byMethod.GetValueOrDefault(MethodKeyOf(name));
    }

    /// <summary>Reads the suite at <paramref name="assemblyPath"/>. Enum arguments are named from the suite itself or the
    /// assemblies beside it (metadata only); source lines come from the portable PDB beside it, with paths made relative to
    /// <paramref name="sourceRoot"/> when given.</summary>
    public static TestCatalog Read(string assemblyPath, string? sourceRoot = null)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        var reader = pe.GetMetadataReader();
        var enums = new EnumNames(Path.GetDirectoryName(Path.GetFullPath(assemblyPath))!, reader);
        using var symbols = SymbolReader.Open(assemblyPath, sourceRoot);
        return new TestCatalog(new Reader(reader, enums, symbols).ReadAll());
    }

    /// <summary>The suite host names the second and later tests with the same full name "name #2", "name #3".</summary>
    internal static string WithoutCopySuffix(string name)
    {
        var hash = name.LastIndexOf(" #", StringComparison.Ordinal);
        return hash > 0 && name.Length > hash + 2 && name[(hash + 2)..].All(char.IsAsciiDigit) ? name[..hash] : name;
    }

    /// <summary><c>Ns.Fixture(args).Method(args)</c> → <c>Ns.Fixture.Method</c>: every parenthesized part removed,
    /// skipping parentheses inside quoted arguments.</summary>
    internal static string MethodKeyOf(string fullName)
    {
        var key = new StringBuilder(fullName.Length);
        var depth = 0;
        char? quote = null;
        for (var i = 0; i < fullName.Length; i++)
        {
            var c = fullName[i];
            if (quote is { } open)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == open)
                {
                    quote = null;
                }

                continue;
            }

            switch (c)
            {
                case '"' or '\'' when depth > 0:
                    quote = c;
                    break;
                case '(':
                    depth++;
                    break;
                case ')':
                    depth = Math.Max(0, depth - 1);
                    break;
                default:
                    if (depth == 0)
                    {
                        key.Append(c);
                    }

                    break;
            }
        }

        return key.ToString();
    }

    private sealed class Reader(MetadataReader reader, EnumNames enums, SymbolReader symbols)
    {
        private readonly AttributeTypes types = new(reader);

        public List<CatalogTest> ReadAll()
        {
            var tests = new List<CatalogTest>();
            foreach (var handle in reader.TypeDefinitions)
            {
                var type = reader.GetTypeDefinition(handle);
                const System.Reflection.TypeAttributes AbstractOrInterface = System.Reflection.TypeAttributes.Abstract | System.Reflection.TypeAttributes.Interface;
                if ((type.Attributes & AbstractOrInterface) != 0 || type.GetGenericParameters().Count > 0)
                {
                    continue; // NUnit builds fixtures from concrete types only (static classes are abstract in metadata).
                }

                var methods = TestMethods(handle).ToList();
                if (methods.Count == 0)
                {
                    continue;
                }

                var typeName = TypeName(handle);
                var typeAttributes = Hierarchy(handle).SelectMany(h => Attributes(reader.GetTypeDefinition(h).GetCustomAttributes())).ToList();
                var fixtureCategories = typeAttributes.Where(a => a.Name == "CategoryAttribute").SelectMany(CategoryNames).Distinct(StringComparer.Ordinal).ToList();
                var fixtureHidden = fixtureCategories.Contains(HiddenCategory, StringComparer.Ordinal);
                var fixtureState = StateOf(typeAttributes);
                var fixtures = typeAttributes.Where(a => a.Name == "TestFixtureAttribute" && a.FixedArguments.Length > 0).ToList();
                var fixtureNames = fixtures.Count == 0
                    ? [(typeName, fixtureState)]
                    : fixtures.Select(f => (typeName + "(" + string.Join(",", Arguments(f).Select(Display)) + ")", Combine(fixtureState, StateOf([f])))).ToList();
                foreach (var (fixtureName, state) in fixtureNames)
                {
                    foreach (var method in methods)
                    {
                        var source = symbols.StartOf(method.Handle);
                        tests.AddRange(Cases(fixtureName, typeName, method.Definition, fixtureCategories, state)
                            .Select(test => test with { IsHidden = fixtureHidden || test.IsHidden, Source = source }));
                    }
                }
            }

            return tests;
        }

        private IEnumerable<CatalogTest> Cases(string fixtureName, string typeName, MethodDefinition method, List<string> fixtureCategories, CatalogRunState fixtureState)
        {
            var name = reader.GetString(method.Name);
            var key = typeName + "." + name;
            var attributes = Attributes(method.GetCustomAttributes()).ToList();
            var categories = attributes.Where(a => a.Name == "CategoryAttribute").SelectMany(CategoryNames).Distinct(StringComparer.Ordinal).ToList();
            var state = Combine(fixtureState, StateOf(attributes));
            var hasParameters = method.GetParameters().Count > 0;
            var sourceDriven = method.GetGenericParameters().Count > 0
                || attributes.Any(a => a.Name is "TestCaseSourceAttribute" or "TheoryAttribute" or "CombinatorialAttribute" or "PairwiseAttribute" or "SequentialAttribute")
                || (hasParameters && !attributes.Any(a => a.Name == "TestCaseAttribute"));
            var cases = attributes.Where(a => a.Name == "TestCaseAttribute").ToList();
            if (sourceDriven)
            {
                yield return new CatalogTest(fixtureName + "." + name + "(", key, Either(categories, fixtureCategories), state, IsSourceDriven: true) { IsHidden = Hidden(categories) };
            }

            foreach (var testCase in cases)
            {
                var own = categories.Concat(Named(testCase, "Category") is string list ? Split(list) : []).Distinct(StringComparer.Ordinal).ToList();
                var caseState = Combine(state, StateOf([testCase]));
                if (Named(testCase, "TestName") is string testName)
                {
                    if (testName.Contains('{', StringComparison.Ordinal))
                    {
                        // A name pattern: only NUnit's generator knows what it expands to.
                        yield return new CatalogTest(fixtureName + ".", key, Either(own, fixtureCategories), caseState, IsSourceDriven: true) { IsHidden = Hidden(own) };
                        continue;
                    }

                    yield return new CatalogTest(fixtureName + "." + testName, key, Either(own, fixtureCategories), caseState, IsSourceDriven: false) { IsHidden = Hidden(own) };
                    continue;
                }

                var arguments = string.Join(",", Arguments(testCase).Select(Display));
                yield return new CatalogTest(fixtureName + "." + name + "(" + arguments + ")", key, Either(own, fixtureCategories), caseState, IsSourceDriven: false) { IsHidden = Hidden(own) };
            }

            if (!sourceDriven && cases.Count == 0)
            {
                yield return new CatalogTest(fixtureName + "." + name, key, Either(categories, fixtureCategories), state, IsSourceDriven: false) { IsHidden = Hidden(categories) };
            }
        }

        private static bool Hidden(List<string> categories) => categories.Contains(HiddenCategory, StringComparer.Ordinal);

        private static IReadOnlyList<string> Either(List<string> own, List<string> fixture) => own.Count > 0 ? own : fixture;

        private static CatalogRunState Combine(CatalogRunState outer, CatalogRunState inner) => (CatalogRunState)Math.Max((int)outer, (int)inner);

        private static CatalogRunState StateOf(IEnumerable<DecodedAttribute> attributes)
        {
            var state = CatalogRunState.Runnable;
            foreach (var attribute in attributes)
            {
                if (attribute.Name == "IgnoreAttribute" || Named(attribute, "Ignore") is string || Named(attribute, "IgnoreReason") is string)
                {
                    return CatalogRunState.Ignored;
                }

                if (attribute.Name == "ExplicitAttribute" || Named(attribute, "Explicit") is true)
                {
                    state = CatalogRunState.Explicit;
                }
            }

            return state;
        }

        private static object? Named(DecodedAttribute attribute, string name) =>
            attribute.NamedArguments.FirstOrDefault(a => a.Name == name).Value;

        private static IEnumerable<string> CategoryNames(DecodedAttribute attribute) =>
            attribute.FixedArguments.Length > 0 && attribute.FixedArguments[0].Value is string names ? Split(names) : [];

        private static IEnumerable<string> Split(string names) =>
            names.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        /// <summary>The test methods of a fixture, its base classes' (in this assembly) included, as NUnit finds them.</summary>
        private IEnumerable<(MethodDefinitionHandle Handle, MethodDefinition Definition)> TestMethods(TypeDefinitionHandle handle)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var type in Hierarchy(handle))
            {
                foreach (var methodHandle in reader.GetTypeDefinition(type).GetMethods())
                {
                    var method = reader.GetMethodDefinition(methodHandle);
                    var isTest = Attributes(method.GetCustomAttributes()).Any(a => a.Name is "TestAttribute" or "TestCaseAttribute" or "TestCaseSourceAttribute" or "TheoryAttribute");
                    if (isTest && seen.Add(reader.GetString(method.Name)))
                    {
                        yield return (methodHandle, method);
                    }
                }
            }
        }

        /// <summary>The type and its base classes that are defined in this assembly, most derived first.</summary>
        private IEnumerable<TypeDefinitionHandle> Hierarchy(TypeDefinitionHandle handle)
        {
            for (TypeDefinitionHandle? current = handle; current is { } type;)
            {
                yield return type;
                var baseType = reader.GetTypeDefinition(type).BaseType;
                current = !baseType.IsNil && baseType.Kind == HandleKind.TypeDefinition ? (TypeDefinitionHandle)baseType : null;
            }
        }

        private string TypeName(TypeDefinitionHandle handle)
        {
            var type = reader.GetTypeDefinition(handle);
            var name = reader.GetString(type.Name);
            var declaring = type.GetDeclaringType();
            if (!declaring.IsNil)
            {
                return TypeName(declaring) + "+" + name;
            }

            var space = reader.GetString(type.Namespace);
            return space.Length == 0 ? name : space + "." + name;
        }

        private IEnumerable<DecodedAttribute> Attributes(CustomAttributeHandleCollection handles)
        {
            foreach (var handle in handles)
            {
                var attribute = reader.GetCustomAttribute(handle);
                var typeName = AttributeTypeName(attribute);
                if (typeName is null || !typeName.StartsWith(Framework, StringComparison.Ordinal))
                {
                    continue;
                }

                var value = attribute.DecodeValue(types);
                yield return new DecodedAttribute(
                    typeName[Framework.Length..],
                    value.FixedArguments,
                    value.NamedArguments.Select(n => (n.Name ?? "", n.Value)).ToImmutableArray());
            }
        }

        private string? AttributeTypeName(CustomAttribute attribute)
        {
            EntityHandle parent;
            switch (attribute.Constructor.Kind)
            {
                case HandleKind.MemberReference:
                    parent = reader.GetMemberReference((MemberReferenceHandle)attribute.Constructor).Parent;
                    break;
                case HandleKind.MethodDefinition:
                    parent = reader.GetMethodDefinition((MethodDefinitionHandle)attribute.Constructor).GetDeclaringType();
                    break;
                default:
                    return null;
            }

            return parent.Kind switch
            {
                HandleKind.TypeReference => Qualified(reader.GetTypeReference((TypeReferenceHandle)parent)),
                HandleKind.TypeDefinition => TypeName((TypeDefinitionHandle)parent),
                _ => null,
            };
        }

        private string Qualified(TypeReference reference)
        {
            var space = reader.GetString(reference.Namespace);
            var name = reader.GetString(reference.Name);
            return space.Length == 0 ? name : space + "." + name;
        }

        /// <summary>The arguments of a [TestCase] or [TestFixture]: its fixed arguments, a params array spread out.</summary>
        private static IEnumerable<CustomAttributeTypedArgument<ArgumentType>> Arguments(DecodedAttribute attribute)
        {
            if (attribute.FixedArguments.Length == 1 && attribute.FixedArguments[0].Type.IsArray
                && attribute.FixedArguments[0].Type.Element?.Name == "System.Object")
            {
                return attribute.FixedArguments[0].Value is ImmutableArray<CustomAttributeTypedArgument<ArgumentType>> spread
                    ? spread
                    : [new CustomAttributeTypedArgument<ArgumentType>(ArgumentType.Object, null)];
            }

            return attribute.FixedArguments;
        }

        /// <summary>An argument as NUnit's default name pattern shows it.</summary>
        private string Display(CustomAttributeTypedArgument<ArgumentType> argument)
        {
            var value = argument.Value;
            if (value is null)
            {
                return "null";
            }

            if (argument.Type.IsArray && value is ImmutableArray<CustomAttributeTypedArgument<ArgumentType>> elements)
            {
                return elements.Length == 0 ? "[]" : "[" + string.Join(", ", elements.Select(Display)) + "]";
            }

            if (argument.Type.IsEnum)
            {
                return enums.Name(argument.Type.Name, value) ?? Convert.ToString(value, CultureInfo.InvariantCulture)!;
            }

            return value switch
            {
                string text => Quoted(text),
                char c => "'" + Escape(c, inString: false) + "'",
                double d => DoubleDisplay(d),
                float f => FloatDisplay(f),
                long l => l == long.MaxValue ? "long.MaxValue" : l == long.MinValue ? "long.MinValue" : l.ToString(CultureInfo.InvariantCulture) + "L",
                ulong u => u == ulong.MaxValue ? "ulong.MaxValue" : u == ulong.MinValue ? "ulong.MinValue" : u.ToString(CultureInfo.InvariantCulture) + "UL",
                int i => i == int.MaxValue ? "int.MaxValue" : i == int.MinValue ? "int.MinValue" : i.ToString(CultureInfo.InvariantCulture),
                uint u => u == uint.MaxValue ? "uint.MaxValue" : u.ToString(CultureInfo.InvariantCulture),
                short s => s == short.MaxValue ? "short.MaxValue" : s == short.MinValue ? "short.MinValue" : s.ToString(CultureInfo.InvariantCulture),
                ushort s => s == ushort.MaxValue ? "ushort.MaxValue" : s.ToString(CultureInfo.InvariantCulture),
                byte b => b == byte.MaxValue ? "byte.MaxValue" : b.ToString(CultureInfo.InvariantCulture),
                sbyte b => b == sbyte.MaxValue ? "sbyte.MaxValue" : b == sbyte.MinValue ? "sbyte.MinValue" : b.ToString(CultureInfo.InvariantCulture),
                ArgumentType type => type.Name,
                _ => Convert.ToString(value, CultureInfo.InvariantCulture)!,
            };
        }

        private static string DoubleDisplay(double d)
        {
            if (double.IsNaN(d)) return "double.NaN";
            if (double.IsPositiveInfinity(d)) return "double.PositiveInfinity";
            if (double.IsNegativeInfinity(d)) return "double.NegativeInfinity";
            if (d == double.MaxValue) return "double.MaxValue";
            if (d == double.MinValue) return "double.MinValue";
            var text = d.ToString(CultureInfo.InvariantCulture);
            return (text.Contains('.', StringComparison.Ordinal) ? text : text + ".0") + "d";
        }

        private static string FloatDisplay(float f)
        {
            if (float.IsNaN(f)) return "float.NaN";
            if (float.IsPositiveInfinity(f)) return "float.PositiveInfinity";
            if (float.IsNegativeInfinity(f)) return "float.NegativeInfinity";
            if (f == float.MaxValue) return "float.MaxValue";
            if (f == float.MinValue) return "float.MinValue";
            var text = f.ToString(CultureInfo.InvariantCulture);
            return (text.Contains('.', StringComparison.Ordinal) ? text : text + ".0") + "f";
        }

        // NUnit shortens long strings in a test's Name but not in its FullName, which is what the suite host reports.
        private static string Quoted(string text)
        {
            var builder = new StringBuilder("\"");
            foreach (var c in text)
            {
                builder.Append(Escape(c, inString: true));
            }

            return builder.Append('"').ToString();
        }

        private static string Escape(char c, bool inString) => c switch
        {
            '\'' when !inString => "\\'",
            '"' when inString => "\\\"",
            '\\' => "\\\\",
            '\0' => "\\0",
            '\a' => "\\a",
            '\b' => "\\b",
            '\f' => "\\f",
            '\n' => "\\n",
            '\r' => "\\r",
            '\t' => "\\t",
            '\v' => "\\v",
            '\x0085' or '\x2028' or '\x2029' => "\\x" + ((int)c).ToString("X4", CultureInfo.InvariantCulture),
            _ => c.ToString(),
        };
    }

    /// <summary>
    /// Source lines of methods from the portable PDB beside a suite (the trusted build writes one by default). A missing or
    /// unreadable PDB only means no lines: the catalog is still complete.
    /// </summary>
    private sealed class SymbolReader : IDisposable
    {
        private readonly MetadataReaderProvider? provider;
        private readonly MetadataReader? pdb;
        private readonly string? root;

        private SymbolReader(MetadataReaderProvider? provider, string? sourceRoot)
        {
            this.provider = provider;
            pdb = provider?.GetMetadataReader();
            root = sourceRoot is null ? null : Path.TrimEndingDirectorySeparator(Path.GetFullPath(sourceRoot)) + Path.DirectorySeparatorChar;
        }

        public static SymbolReader Open(string assemblyPath, string? sourceRoot)
        {
            var path = Path.ChangeExtension(assemblyPath, ".pdb");
            if (!File.Exists(path))
            {
                return new SymbolReader(null, sourceRoot);
            }

            try
            {
                // Read into memory: the provider must not keep the file open after the catalog is built.
                var provider = MetadataReaderProvider.FromPortablePdbImage(ImmutableArray.Create(File.ReadAllBytes(path)));
                provider.GetMetadataReader();
                return new SymbolReader(provider, sourceRoot);
            }
            catch (BadImageFormatException)
            {
                return new SymbolReader(null, sourceRoot); // A Windows PDB, or not a PDB at all.
            }
        }

        /// <summary>The first line of the method's body that is more than its opening brace, or null.</summary>
        public SourceLocation? StartOf(MethodDefinitionHandle method)
        {
            if (pdb is null)
            {
                return null;
            }

            try
            {
                var information = pdb.GetMethodDebugInformation(method.ToDebugInformationHandle());
                var points = information.GetSequencePoints().Where(point => !point.IsHidden).ToList();
                if (points.Count == 0)
                {
                    return null;
                }

                var start = points.FirstOrDefault(point => point.EndLine > point.StartLine || point.EndColumn - point.StartColumn > 1);
                var chosen = start.Document.IsNil ? points[0] : start;
                var document = pdb.GetString(pdb.GetDocument(chosen.Document).Name);
                return new SourceLocation(Relative(document), chosen.StartLine);
            }
            catch (BadImageFormatException)
            {
                return null;
            }
        }

        private string Relative(string document)
        {
            var full = document.Replace('\\', '/');
            return root is not null && document.StartsWith(root, StringComparison.Ordinal)
                ? document[root.Length..].Replace('\\', '/')
                : full;
        }

        public void Dispose() => provider?.Dispose();
    }

    private sealed record DecodedAttribute(
        string Name,
        ImmutableArray<CustomAttributeTypedArgument<ArgumentType>> FixedArguments,
        ImmutableArray<(string Name, object? Value)> NamedArguments);

    /// <summary>What the attribute decoder needs to know of a type: its name, and whether it is an enum or an array.</summary>
    private sealed record ArgumentType(string Name, bool IsEnum = false, ArgumentType? Element = null)
    {
        public static readonly ArgumentType Object = new("System.Object");

        public bool IsArray => Element is not null;
    }

    private sealed class AttributeTypes(MetadataReader reader) : ICustomAttributeTypeProvider<ArgumentType>
    {
        public ArgumentType GetPrimitiveType(PrimitiveTypeCode typeCode) => new("System." + typeCode);

        public ArgumentType GetSystemType() => new("System.Type");

        public ArgumentType GetSZArrayType(ArgumentType elementType) => new(elementType.Name + "[]", Element: elementType);

        public ArgumentType GetTypeFromDefinition(MetadataReader metadata, TypeDefinitionHandle handle, byte rawTypeKind)
        {
            var type = metadata.GetTypeDefinition(handle);
            return new(metadata.GetString(type.Namespace) + "." + metadata.GetString(type.Name), IsEnum: rawTypeKind == 0x11);
        }

        public ArgumentType GetTypeFromReference(MetadataReader metadata, TypeReferenceHandle handle, byte rawTypeKind)
        {
            var type = metadata.GetTypeReference(handle);
            return new(metadata.GetString(type.Namespace) + "." + metadata.GetString(type.Name), IsEnum: rawTypeKind == 0x11);
        }

        // Serialized names are "Namespace.Type, Assembly, ..." and appear in attribute blobs only for enums and typeof.
        public ArgumentType GetTypeFromSerializedName(string name) => new(name.Split(',')[0].Trim(), IsEnum: true);

        public PrimitiveTypeCode GetUnderlyingEnumType(ArgumentType type) => EnumNames.UnderlyingType(reader, type.Name) ?? PrimitiveTypeCode.Int32;

        public bool IsSystemType(ArgumentType type) => type.Name == "System.Type";
    }

    /// <summary>Names of enum values, from the suite's own metadata or the assemblies beside it.</summary>
    private sealed class EnumNames(string folder, MetadataReader suite)
    {
        private readonly Dictionary<string, Dictionary<string, string>> cache = new(StringComparer.Ordinal);

        public string? Name(string enumType, object value)
        {
            if (!cache.TryGetValue(enumType, out var names))
            {
                names = Find(suite, enumType) ?? FindBeside(enumType) ?? [];
                cache[enumType] = names;
            }

            return names.GetValueOrDefault(Convert.ToString(value, CultureInfo.InvariantCulture)!);
        }

        public static PrimitiveTypeCode? UnderlyingType(MetadataReader reader, string enumType)
        {
            var type = FindType(reader, enumType);
            if (type is not { } definition)
            {
                return null;
            }

            foreach (var fieldHandle in definition.GetFields())
            {
                var field = reader.GetFieldDefinition(fieldHandle);
                if ((field.Attributes & System.Reflection.FieldAttributes.Static) == 0)
                {
                    // The instance field value__ holds the value; its signature is FIELD followed by the element type.
                    var signature = reader.GetBlobReader(field.Signature);
                    signature.ReadSignatureHeader();
                    return (PrimitiveTypeCode)signature.ReadByte();
                }
            }

            return null;
        }

        private Dictionary<string, string>? FindBeside(string enumType)
        {
            foreach (var path in Directory.EnumerateFiles(folder, "*.dll"))
            {
                try
                {
                    using var stream = File.OpenRead(path);
                    using var pe = new PEReader(stream);
                    if (!pe.HasMetadata)
                    {
                        continue;
                    }

                    if (Find(pe.GetMetadataReader(), enumType) is { } names)
                    {
                        return names;
                    }
                }
                catch (BadImageFormatException)
                {
                    // A native library beside the suite: not .NET metadata.
                }
            }

            return null;
        }

        private static Dictionary<string, string>? Find(MetadataReader reader, string enumType)
        {
            if (FindType(reader, enumType) is not { } definition)
            {
                return null;
            }

            var names = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var fieldHandle in definition.GetFields())
            {
                var field = reader.GetFieldDefinition(fieldHandle);
                var constant = field.GetDefaultValue();
                if ((field.Attributes & System.Reflection.FieldAttributes.Literal) == 0 || constant.IsNil)
                {
                    continue;
                }

                var blob = reader.GetBlobReader(reader.GetConstant(constant).Value);
                var value = reader.GetConstant(constant).TypeCode switch
                {
                    ConstantTypeCode.Byte => blob.ReadByte().ToString(CultureInfo.InvariantCulture),
                    ConstantTypeCode.SByte => blob.ReadSByte().ToString(CultureInfo.InvariantCulture),
                    ConstantTypeCode.Int16 => blob.ReadInt16().ToString(CultureInfo.InvariantCulture),
                    ConstantTypeCode.UInt16 => blob.ReadUInt16().ToString(CultureInfo.InvariantCulture),
                    ConstantTypeCode.Int32 => blob.ReadInt32().ToString(CultureInfo.InvariantCulture),
                    ConstantTypeCode.UInt32 => blob.ReadUInt32().ToString(CultureInfo.InvariantCulture),
                    ConstantTypeCode.Int64 => blob.ReadInt64().ToString(CultureInfo.InvariantCulture),
                    ConstantTypeCode.UInt64 => blob.ReadUInt64().ToString(CultureInfo.InvariantCulture),
                    _ => null,
                };
                if (value is not null)
                {
                    names.TryAdd(value, reader.GetString(field.Name));
                }
            }

            return names;
        }

        private static TypeDefinition? FindType(MetadataReader reader, string fullName)
        {
            foreach (var handle in reader.TypeDefinitions)
            {
                var type = reader.GetTypeDefinition(handle);
                var space = reader.GetString(type.Namespace);
                var name = reader.GetString(type.Name);
                if ((space.Length == 0 ? name : space + "." + name) == fullName)
                {
                    return type;
                }
            }

            return null;
        }
    }
}
