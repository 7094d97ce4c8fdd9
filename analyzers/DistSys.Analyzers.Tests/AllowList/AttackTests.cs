using DistSys.Analyzers.Runner.AllowList;

namespace DistSys.Analyzers.Tests.AllowList;

/// <summary>
/// Each test is an attack a student could put in exercises/&lt;slug&gt;/ to forge a grade or harm the grader (issue 8),
/// written as they would write it. The allow-list must refuse it with the technique's id and name the API.
/// </summary>
public sealed class AttackTests
{
    /// <summary>A simulator exercise: the defaults only (no threads).</summary>
    private const string Simulated = "crdts";

    /// <summary>An exercise about threads.</summary>
    private const string Threaded = "coordination-benchmark";

    internal static IReadOnlyList<ApiViolation> Check(string code, string slug = Simulated, string? given = null) =>
        AllowListChecker.CheckSources(
            slug,
            [new SourceFile("exercises/" + slug + "/Attack.cs", code)],
            given is null ? [] : [new SourceFile("exercises/" + slug + "/Given/Given.cs", given)],
            Kit.Policy);

    private static void AssertRefused(string code, string id, string api, string slug = Simulated)
    {
        var violations = Check(code, slug);
        var shown = string.Join("\n", violations.Select(v => v.Text));
        Assert.That(violations.Any(v => v.Id == id && v.Api == api), Is.True,
            $"Expected {id} naming {api}; the checker reported:\n{(shown.Length == 0 ? "(nothing)" : shown)}");
        var violation = violations.First(v => v.Id == id && v.Api == api);
        Assert.That(violation.Text, Does.StartWith($"exercises/{slug}/Attack.cs({violation.Line},{violation.Column}): {id}: {api} is not available to exercise code: "));
    }

    private static string InNamespace(string body, string usings = "") => $$"""
        {{usings}}
        namespace DistSys.Crdts;

        public static class Cheat
        {
        {{body}}
        }
        """;

    [Test]
    public void Reflection_into_NUnits_TestExecutionContext_to_find_the_protocol_writer_is_refused()
    {
        const string code = """
            using System.Reflection;

            namespace DistSys.Crdts;

            public static class Forge
            {
                public static void SendPassed()
                {
                    var context = Type.GetType("NUnit.Framework.Internal.TestExecutionContext, nunit.framework")!;
                    var current = context.GetProperty("CurrentContext", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
                    foreach (var field in current.GetType().GetFields(BindingFlags.NonPublic | BindingFlags.Instance))
                    {
                        if (field.GetValue(current) is StreamWriter writer)
                        {
                            writer.WriteLine("passed");
                        }
                    }
                }
            }
            """;
        AssertRefused(code, "DS100", "System.Type.GetType");
        AssertRefused(code, "DS100", "System.Type.GetFields");
        AssertRefused(code, "DS100", "System.Reflection.BindingFlags.NonPublic");
        AssertRefused(code, "DS106", "System.IO.StreamWriter");
    }

    [Test]
    public void A_static_constructor_swapping_the_console_writer_is_refused()
    {
        const string code = """
            namespace DistSys.Crdts;

            public sealed class GCounterHelper
            {
                static GCounterHelper() => Console.SetOut(new Rewriter(Console.Out));

                private sealed class Rewriter(TextWriter inner) : TextWriter
                {
                    public override System.Text.Encoding Encoding => inner.Encoding;
                    public override void WriteLine(string? value) => inner.WriteLine(value?.Replace("failed", "passed"));
                }
            }
            """;
        AssertRefused(code, "DS105", "System.Console.SetOut");
        AssertRefused(code, "DS105", "System.Console.Out");
    }

    [Test]
    public void Creating_NUnits_SuccessException_with_Activator_is_refused()
    {
        AssertRefused(InNamespace("""
                public static int Value() =>
                    throw (Exception)Activator.CreateInstance(Type.GetType("NUnit.Framework.SuccessException, nunit.framework")!, "ok")!;
            """), "DS100", "System.Activator.CreateInstance");
    }

    [Test]
    public void Declaring_a_fake_NUnit_SuccessException_is_refused()
    {
        const string code = """
            namespace NUnit.Framework
            {
                public class SuccessException(string message) : Exception(message);
            }
            """;
        var violations = Check(code);
        Assert.That(violations.Select(v => v.Id), Does.Contain("DS108"), "The NUnit namespace is the test framework's.");
        Assert.That(violations.Any(v => v.Id == "DS109" && v.Api == "NUnit.Framework.SuccessException"), Is.True,
            "Types belong in namespace DistSys.Crdts: " + string.Join("\n", violations));
    }

    [Test]
    public void Using_the_NUnit_or_kit_test_namespaces_is_refused_even_when_they_do_not_resolve()
    {
        var violations = Check(InNamespace("    public static int Value => 1;", "using NUnit.Framework;\nusing DistSys.Testing.Hosting;"));

        Assert.That(violations.Where(v => v.Id == "DS108").Select(v => v.Api), Is.EquivalentTo(new[] { "NUnit.Framework", "DistSys.Testing.Hosting" }));
    }

    [Test]
    public void A_module_initializer_setting_DISTSYS_ACCEPT_is_refused()
    {
        const string code = """
            using System.Runtime.CompilerServices;

            namespace DistSys.Crdts;

            internal static class Boot
            {
                [ModuleInitializer]
                internal static void AcceptEverySnapshot() => Environment.SetEnvironmentVariable("DISTSYS_ACCEPT", "1");
            }
            """;
        AssertRefused(code, "DS107", "System.Runtime.CompilerServices.ModuleInitializerAttribute");
        AssertRefused(code, "DS104", "System.Environment.SetEnvironmentVariable");
    }

    [Test]
    public void Loading_the_reference_solution_assembly_is_refused()
    {
        AssertRefused(InNamespace("""
                public static object Reference() =>
                    System.Reflection.Assembly.LoadFrom("../../solutions/bin/DistSys.Solutions.dll").CreateInstance("DistSys.Crdts.GCounter")!;
            """), "DS101", "System.Reflection.Assembly.LoadFrom");
    }

    [Test]
    public void Starting_a_detached_process_is_refused()
    {
        AssertRefused(InNamespace("""
                public static void Detach() =>
                    System.Diagnostics.Process.Start("setsid", "-f sh -c 'sleep 5; echo {} > report.json'");
            """), "DS104", "System.Diagnostics.Process.Start");
    }

    [Test]
    public void Environment_Exit_and_FailFast_are_refused()
    {
        AssertRefused(InNamespace("    public static void Quit() => Environment.Exit(0);"), "DS104", "System.Environment.Exit");
        AssertRefused(InNamespace("    public static void Crash() => Environment.FailFast(\"bye\");"), "DS104", "System.Environment.FailFast");
    }

    [Test]
    public void Reading_the_graders_command_line_and_environment_is_refused()
    {
        AssertRefused(InNamespace("    public static string[] Args() => Environment.GetCommandLineArgs();"), "DS104", "System.Environment.GetCommandLineArgs");
        AssertRefused(InNamespace("    public static string? Token() => Environment.GetEnvironmentVariable(\"DISTSYS_TOKEN\");"), "DS104", "System.Environment.GetEnvironmentVariable");
    }

    [Test]
    public void Writing_to_the_raw_standard_output_stream_is_refused()
    {
        AssertRefused(InNamespace("    public static void Flood() => Console.OpenStandardOutput().Write(new byte[1 << 20]);"), "DS105", "System.Console.OpenStandardOutput");
    }

    [Test]
    public void Writing_into_the_test_folder_is_refused()
    {
        AssertRefused(InNamespace("    public static void Rewrite() => File.WriteAllText(\"../../tests/crdts/GCounterTests.cs\", \"\");"), "DS106", "System.IO.File.WriteAllText");
    }

    [Test]
    public void Reading_the_reference_solutions_is_refused()
    {
        AssertRefused(InNamespace("""
                public static string Copy() =>
                    string.Concat(Directory.GetFiles("../../solutions/crdts").Select(path => new StreamReader(path).ReadToEnd()));
            """), "DS106", "System.IO.Directory.GetFiles");
    }

    [Test]
    public void DllImport_of_a_native_function_is_refused()
    {
        const string code = """
            using System.Runtime.InteropServices;

            namespace DistSys.Crdts;

            internal static partial class Native
            {
                [DllImport("libc")]
                internal static extern int kill(int pid, int signal);

                [LibraryImport("libc")]
                internal static partial int getppid();
            }
            """;
        AssertRefused(code, "DS103", "System.Runtime.InteropServices.DllImportAttribute");
        AssertRefused(code, "DS103", "extern modifier");
        AssertRefused(code, "DS103", "System.Runtime.InteropServices.LibraryImportAttribute");
    }

    [Test]
    public void Unsafe_pointer_code_is_refused()
    {
        const string code = """
            namespace DistSys.Crdts;

            public static class Memory
            {
                public static unsafe void Poke(long address)
                {
                    long* target = (long*)address;
                    *target = 0;
                }

                public static void Block()
                {
                    var value = 1;
                    unsafe
                    {
                        int* p = &value;
                    }
                }
            }
            """;
        AssertRefused(code, "DS103", "unsafe modifier");
        AssertRefused(code, "DS103", "pointer type");
        AssertRefused(code, "DS103", "unsafe block");
        AssertRefused(code, "DS103", "pointer operator &");
    }

    [Test]
    public void Function_pointers_and_fixed_buffers_are_refused()
    {
        const string code = """
            namespace DistSys.Crdts;

            public unsafe struct Buffer
            {
                public fixed byte Bytes[16];
                public delegate*<void> Callback;
            }
            """;
        AssertRefused(code, "DS103", "fixed modifier");
        AssertRefused(code, "DS103", "function pointer type");
    }

    [Test]
    public void Dynamic_is_refused()
    {
        AssertRefused(InNamespace("    public static object Call(object target) { dynamic late = target; return late.Secret(); }"), "DS102", "dynamic");
    }

    [Test]
    public void Compiling_an_expression_tree_is_refused()
    {
        AssertRefused(InNamespace("""
                public static int Run()
                {
                    System.Linq.Expressions.Expression<Func<int>> body = () => 42;
                    return body.Compile()();
                }
            """), "DS102", "System.Linq.Expressions.Expression");
    }

    [Test]
    public void Delegate_CreateDelegate_and_DynamicInvoke_are_refused()
    {
        AssertRefused(InNamespace("    public static Delegate Bind(object method) => Delegate.CreateDelegate(typeof(Action), (System.Reflection.MethodInfo)method);"),
            "DS102", "System.Delegate.CreateDelegate");
        AssertRefused(InNamespace("    public static object? Invoke(Delegate target) => target.DynamicInvoke();"), "DS102", "System.Delegate.DynamicInvoke");
    }

    [Test]
    public void NativeLibrary_is_refused()
    {
        AssertRefused(InNamespace("    public static IntPtr Libc() => System.Runtime.InteropServices.NativeLibrary.Load(\"libc.so.6\");"),
            "DS103", "System.Runtime.InteropServices.NativeLibrary.Load");
    }

    [Test]
    public void UnsafeAccessor_into_a_private_field_is_refused()
    {
        AssertRefused("""
            using System.Runtime.CompilerServices;

            namespace DistSys.Crdts;

            internal static class Peek
            {
                [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_writer")]
                internal static extern ref object Writer(object host);
            }
            """, "DS103", "System.Runtime.CompilerServices.UnsafeAccessorAttribute");
    }

    [Test]
    public void Marshal_MemoryMarshal_and_Unsafe_are_refused()
    {
        AssertRefused(InNamespace("    public static long Read(IntPtr at) => System.Runtime.InteropServices.Marshal.ReadInt64(at);"),
            "DS103", "System.Runtime.InteropServices.Marshal.ReadInt64");
        AssertRefused(InNamespace("    public static Span<byte> Bytes(Span<long> values) => System.Runtime.InteropServices.MemoryMarshal.AsBytes(values);"),
            "DS103", "System.Runtime.InteropServices.MemoryMarshal.AsBytes");
        AssertRefused(InNamespace("    public static string Pun(object value) => System.Runtime.CompilerServices.Unsafe.As<string>(value);"),
            "DS103", "System.Runtime.CompilerServices.Unsafe.As");
    }

    [Test]
    public void Overlapping_fields_with_an_explicit_layout_are_refused()
    {
        AssertRefused("""
            using System.Runtime.InteropServices;

            namespace DistSys.Crdts;

            [StructLayout(LayoutKind.Explicit)]
            public struct Confused
            {
                [FieldOffset(0)] public object Reference;
                [FieldOffset(0)] public long Address;
            }
            """, "DS103", "System.Runtime.InteropServices.StructLayoutAttribute");
    }

    [Test]
    public void Sockets_and_HttpClient_are_refused()
    {
        AssertRefused(InNamespace("    public static Task<string> Leak() => new HttpClient().GetStringAsync(\"http://example.com/\");"), "DS106", "System.Net.Http.HttpClient.GetStringAsync");
        AssertRefused(InNamespace("""
                public static void Connect() =>
                    new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp).Connect("localhost", 80);
            """), "DS106", "System.Net.Sockets.Socket.Connect");
    }

    [Test]
    public void AppContext_and_AppDomain_are_refused()
    {
        AssertRefused(InNamespace("    public static void Switch() => AppContext.SetSwitch(\"System.Globalization.Invariant\", true);"), "DS101", "System.AppContext.SetSwitch");
        AssertRefused(InNamespace("    public static object Domain() => AppDomain.CurrentDomain.GetAssemblies();"), "DS101", "System.AppDomain.CurrentDomain");
    }

    [Test]
    public void Uninitialized_arrays_and_the_garbage_collector_are_refused()
    {
        AssertRefused(InNamespace("    public static byte[] Raw() => GC.AllocateUninitializedArray<byte>(1024);"), "DS103", "System.GC.AllocateUninitializedArray");
        AssertRefused(InNamespace("    public static void Collect() => GC.Collect();"), "DS110", "System.GC.Collect");
    }

    [Test]
    public void Stack_walking_and_exception_target_sites_are_refused()
    {
        AssertRefused(InNamespace("    public static string Caller() => new System.Diagnostics.StackTrace().GetFrame(1)!.GetMethod()!.Name;"),
            "DS100", "System.Diagnostics.StackTrace");
        AssertRefused(InNamespace("    public static object? Site(Exception e) => e.TargetSite;"), "DS100", "System.Exception.TargetSite");
    }

    [Test]
    public void A_finalizer_is_refused()
    {
        AssertRefused("""
            namespace DistSys.Crdts;

            public sealed class Lingering
            {
                ~Lingering() { }
            }
            """, "DS107", "finalizer ~Lingering");
    }

    [Test]
    public void An_assembly_attribute_is_refused()
    {
        AssertRefused("""
            [assembly: System.Runtime.CompilerServices.InternalsVisibleTo("DistSys.Crdts.Tests")]
            namespace DistSys.Crdts;
            public static class Nothing { }
            """, "DS107", "[assembly: ...] attribute");
    }

    [Test]
    public void A_type_outside_the_exercise_namespace_is_refused()
    {
        AssertRefused("namespace DistSys.Raft { public static class Elsewhere { } }", "DS109", "DistSys.Raft.Elsewhere");
        AssertRefused("public static class Global { }", "DS109", "Global (global namespace)");
    }

    [Test]
    public void Threads_are_refused_in_a_simulator_exercise_and_allowed_in_an_exercise_about_threads()
    {
        const string code = """
            namespace DistSys.CoordinationBenchmark;

            public static class Background
            {
                public static int Count()
                {
                    var total = 0;
                    var thread = new Thread(() => Interlocked.Increment(ref total));
                    thread.Start();
                    thread.Join();
                    Task.Run(() => Interlocked.Increment(ref total)).Wait();
                    return total;
                }
            }
            """;
        Assert.That(Check(code, Threaded), Is.Empty, "coordination-benchmark is about threads.");

        var simulated = Check(code.Replace("DistSys.CoordinationBenchmark", "DistSys.Crdts", StringComparison.Ordinal));
        Assert.That(simulated.Where(v => v.Id == "DS110").Select(v => v.Api),
            Is.SupersetOf(new[] { "System.Threading.Thread", "System.Threading.Interlocked.Increment", "System.Threading.Tasks.Task.Run" }));
    }

    [Test]
    public void A_named_mutex_is_refused_even_in_an_exercise_about_threads()
    {
        const string code = """
            namespace DistSys.CoordinationBenchmark;
            public static class CrossProcess
            {
                public static bool Take() => new Mutex(false, "Global\\distsys-grader").WaitOne();
            }
            """;
        var violations = Check(code, Threaded);
        Assert.That(violations.Any(v => v.Id == "DS104" && v.Api.StartsWith("System.Threading.Mutex", StringComparison.Ordinal)), Is.True, string.Join("\n", violations));
    }

    [Test]
    public void The_wall_clock_and_ambient_randomness_are_refused()
    {
        AssertRefused(InNamespace("    public static DateTime When() => DateTime.UtcNow;"), "DS110", "System.DateTime.UtcNow");
        AssertRefused(InNamespace("    public static long Ticks() => System.Diagnostics.Stopwatch.GetTimestamp();"), "DS110", "System.Diagnostics.Stopwatch.GetTimestamp");
        AssertRefused(InNamespace("    public static int Roll() => Random.Shared.Next();"), "DS110", "System.Random.Shared");
    }

    [Test]
    public void Pragma_SuppressMessage_and_global_suppressions_do_not_hide_a_refused_use()
    {
        const string code = """
            using System.Diagnostics.CodeAnalysis;

            #pragma warning disable DS106, DS104
            namespace DistSys.Crdts;

            [SuppressMessage("DistSys", "DS106", Justification = "trust me")]
            public static class Quiet
            {
                [SuppressMessage("DistSys", "DS104")]
                public static void Leave() => File.Delete("../../grader/rubric.yaml");
            }
            #pragma warning restore DS106, DS104
            """;
        const string globalSuppressions = """
            [assembly: System.Diagnostics.CodeAnalysis.SuppressMessage("DistSys", "DS106", Scope = "module")]
            """;
        var violations = AllowListChecker.CheckSources(Simulated,
            [new SourceFile("Quiet.cs", code), new SourceFile("GlobalSuppressions.cs", globalSuppressions)], [], Kit.Policy);

        Assert.That(violations.Any(v => v.Id == "DS106" && v.Api == "System.IO.File.Delete"), Is.True, string.Join("\n", violations));
    }

    [Test]
    public void Code_under_if_not_DEBUG_is_checked_too()
    {
        AssertRefused(InNamespace("""
                public static void Hidden()
                {
            #if !DEBUG
                    Environment.Exit(0);
            #endif
                }
            """), "DS104", "System.Environment.Exit");
    }

    [Test]
    public void Aliases_and_using_static_do_not_hide_the_api()
    {
        AssertRefused(InNamespace("    public static void Quit() => Exit(0);", "using static System.Environment;"), "DS104", "System.Environment.Exit");
        AssertRefused(InNamespace("    public static void Wipe() => Disk.Delete(\"x\");", "using Disk = System.IO.File;"), "DS106", "System.IO.File.Delete");
    }

    [Test]
    public void A_call_that_does_not_compile_is_still_refused()
    {
        AssertRefused(InNamespace("    public static void Broken() => File.WriteAllText(1, 2, 3, 4, 5);"), "DS106", "System.IO.File.WriteAllText");
    }

    [Test]
    public void Query_syntax_over_IQueryable_is_refused()
    {
        AssertRefused(InNamespace("    public static IEnumerable<int> Q() => from x in new[] { 1 }.AsQueryable() select x;"), "DS102", "System.Linq.Queryable.AsQueryable");
    }

    [Test]
    public void Reflection_on_a_Type_beyond_its_name_and_equality_is_refused()
    {
        AssertRefused(InNamespace("    public static object[] Members(object value) => value.GetType().GetMembers();"), "DS100", "System.Type.GetMembers");
        AssertRefused(InNamespace("    public static object? Make(Type type) => type.TypeInitializer;"), "DS100", "System.Type.TypeInitializer");
    }
}
