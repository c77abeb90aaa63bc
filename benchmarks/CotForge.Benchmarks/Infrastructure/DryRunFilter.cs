using System.Collections;
using System.Globalization;
using System.Reflection;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;

namespace CotForge.Benchmarks.Infrastructure;

/// <summary>
/// What a dry run (<c>--job Dry</c>) keeps: it exists to prove every benchmark still runs, not to measure, so each
/// benchmark runs once, with the dry job only (BenchmarkDotNet would otherwise add it to a class's own
/// <c>[SimpleJob]</c> and run both, the class's one out of process), and with the smallest value of each numeric
/// parameter.
/// </summary>
internal static class DryRunFilter
{
    public static bool Keep(BenchmarkCase benchmarkCase) => IsDryJob(benchmarkCase.Job) && HasSmallestNumbers(benchmarkCase);

    private static bool IsDryJob(Job job) =>
        job.Run.RunStrategy == RunStrategy.ColdStart && job.Run.IterationCount == 1 && job.Run.LaunchCount == 1;

    private static bool HasSmallestNumbers(BenchmarkCase benchmarkCase)
    {
        foreach (var parameter in benchmarkCase.Parameters.Items)
        {
            if (parameter.Value is not (int or long or double))
            {
                continue;
            }

            double value = Convert.ToDouble(parameter.Value, CultureInfo.InvariantCulture);
            if (DeclaredValues(benchmarkCase.Descriptor.Type, parameter.Name) is { Count: > 0 } declared && value > declared.Min())
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The numeric values a [Params] or [ParamsSource] member declares, or null when they cannot be read.</summary>
    private static List<double>? DeclaredValues(Type type, string name)
    {
        const BindingFlags Flags = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static;
        MemberInfo? member = (MemberInfo?)type.GetProperty(name, Flags) ?? type.GetField(name, Flags);
        if (member is null)
        {
            return null;
        }

        if (member.GetCustomAttribute<ParamsAttribute>() is { } declared)
        {
            return Numbers(declared.Values);
        }

        if (member.GetCustomAttribute<ParamsSourceAttribute>() is { } source)
        {
            MemberInfo? origin = type.GetMethod(source.Name, Flags, Type.EmptyTypes) as MemberInfo ?? type.GetProperty(source.Name, Flags);
            object? instance = origin is MethodInfo { IsStatic: false } or PropertyInfo { GetMethod.IsStatic: false } ? Activator.CreateInstance(type) : null;
            object? values = origin switch
            {
                MethodInfo method => method.Invoke(instance, null),
                PropertyInfo property => property.GetValue(instance),
                _ => null,
            };
            return values is IEnumerable sequence ? Numbers(sequence.Cast<object?>()) : null;
        }

        return null;
    }

    private static List<double> Numbers(IEnumerable<object?> values) =>
        values.Where(v => v is int or long or double).Select(v => Convert.ToDouble(v, CultureInfo.InvariantCulture)).ToList();
}
