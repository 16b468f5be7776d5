#!/usr/bin/env bash
# Packs the library, restores it into a throwaway consumer from a local folder source, and runs the README's quick
# start against the package (not the project reference). Also checks what the package carries.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# A private package cache, so a stale Atss of the same version from an earlier run can never be picked up.
export NUGET_PACKAGES="$work/packages"

dotnet pack "$root/src/Atss/Atss.csproj" -c Release -o "$work/feed" --nologo
version=$(sed -n 's|.*<Version>\(.*\)</Version>.*|\1|p' "$root/src/Atss/Atss.csproj")
nupkg="$work/feed/Atss.$version.nupkg"
[ -f "$nupkg" ] || { echo "missing $nupkg"; exit 1; }
[ -f "$work/feed/Atss.$version.snupkg" ] || { echo "missing snupkg"; exit 1; }
contents=$(unzip -l "$nupkg")
for f in README.md lib/net10.0/Atss.dll lib/net10.0/Atss.xml; do
  grep -q " $f\$" <<<"$contents" || { echo "package lacks $f"; exit 1; }
done
unzip -p "$nupkg" Atss.nuspec | grep -q '<license type="expression">MIT</license>' || { echo "package lacks the MIT licence expression"; exit 1; }
unzip -p "$nupkg" Atss.nuspec | grep -q '<repository ' || { echo "package lacks repository (SourceLink) metadata"; exit 1; }

mkdir -p "$work/consumer"
cat > "$work/consumer/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="local" value="$work/feed" />
  </packageSources>
</configuration>
XML
cat > "$work/consumer/Consumer.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Atss" Version="$version" />
  </ItemGroup>
</Project>
XML
# The README's quick start, verbatim, as the consumer's Program.cs.
awk '/^## Quick start/{q=1} q&&/^```csharp/{c=1;next} c&&/^```/{exit} c{print}' "$root/README.md" > "$work/consumer/Program.cs"
echo 'Console.WriteLine($"positives: {positives}");' >> "$work/consumer/Program.cs"
(cd "$work/consumer" && dotnet run -c Release --nologo) | tee "$work/out.txt"
grep -q -- "-> box 1, label 3" "$work/out.txt" || { echo "quick start output unexpected"; exit 1; }
grep -q "^positives: [1-9]" "$work/out.txt" || { echo "quick start found no positives"; exit 1; }
echo "package consumer check: OK (Atss $version)"
