// Runs after `mvn verify` of the project generated from archetype.properties: checks that the
// jar is the bundle a Strowger plugin must be (the build passing alone would not show that).
import java.util.jar.JarFile

def fail = { String what -> throw new AssertionError("generated project: " + what) }
def project = new File(basedir, 'project/acme-numbering').isDirectory() ? new File(basedir, 'project/acme-numbering') : basedir
def jarFile = new File(project, 'target/acme-numbering-1.0.0-SNAPSHOT.jar')
if (!jarFile.isFile()) fail("no bundle at " + jarFile)

def jar = new JarFile(jarFile)
try {
    def main = jar.manifest.mainAttributes
    def header = { String name -> main.getValue(name) ?: fail("manifest header " + name + " missing") }

    if (header('Bundle-SymbolicName') != 'acme-numbering') fail("Bundle-SymbolicName " + header('Bundle-SymbolicName'))
    if (header('Karaf-Commands') != '*') fail("Karaf-Commands " + header('Karaf-Commands'))

    def exports = header('Export-Package')
    if (!exports.contains('com.example.strowger.numbering.api;version="1.0.0"')) fail("api not exported at 1.0.0: " + exports)
    if (exports.contains('.internal') || exports.contains('.command')) fail("private package exported: " + exports)

    def imports = header('Import-Package')
    ['org.apache.karaf.shell.api.action', 'org.slf4j'].each {
        if (!imports.contains(it)) fail("Import-Package lacks " + it + ": " + imports)
    }

    def componentPath = 'OSGI-INF/com.example.strowger.numbering.internal.E164Normalizer.xml'
    if (!header('Service-Component').contains(componentPath)) fail("Service-Component " + header('Service-Component'))
    def component = jar.getInputStream(jar.getEntry(componentPath) ?: fail("no " + componentPath)).getText('UTF-8')
    if (!component.contains('configuration-pid="com.example.strowger.numbering"')) fail("component PID: " + component)
    if (!component.contains('com.example.strowger.numbering.api.NumberNormalizer')) fail("component service: " + component)

    def metatype = jar.entries().toList().find { it.name.startsWith('OSGI-INF/metatype/') && it.name.endsWith('.xml') }
    if (metatype == null) fail("no metatype descriptor in OSGI-INF/metatype/")
    if (!jar.getInputStream(metatype).getText('UTF-8').contains('country.code')) fail("metatype lacks country.code")
} finally {
    jar.close()
}

def reports = new File(project, 'target/surefire-reports').listFiles()?.findAll { it.name.startsWith('TEST-') } ?: []
def testsRun = reports.sum(0) { report ->
    def m = report.getText('UTF-8') =~ /<testsuite[^>]*\stests="(\d+)"/
    m.find() ? (m.group(1) as int) : 0
}
if (testsRun < 7) fail("expected the generated unit tests to run, ran " + testsRun)

def readme = new File(project, 'README.md').getText('UTF-8')
['## Overview', '## Dependencies', '## Configuration', '## Services', '## Shell commands', '## Metrics',
 'etc/com.example.strowger.numbering.cfg', 'acme:normalize'].each {
    if (!readme.contains(it)) fail("README.md lacks " + it)
}
if (readme.contains('${')) fail("README.md has an unresolved property")
return true
