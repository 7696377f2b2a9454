// What a component's source documents, read with the TypeScript parser: the members of a props or emits type
// (declared in the SFC or in a .ts file beside it) and of the `defineSlots<{…}>()` type, each with its JSDoc
// text. Tests compare generated docs against this, so the expectation comes from the source, not from a copy of it.
import { readFileSync } from 'node:fs'
import ts from 'typescript'
import { parse } from 'vue/compiler-sfc'

export interface DocumentedMember {
  name: string
  /** The JSDoc text without its tags, whitespace collapsed. */
  description: string
}

function scriptsOf(sfcPath: string): ts.SourceFile[] {
  if (sfcPath.endsWith('.ts')) return [ts.createSourceFile(sfcPath, readFileSync(sfcPath, 'utf8'), ts.ScriptTarget.Latest, true)]
  const { descriptor, errors } = parse(readFileSync(sfcPath, 'utf8'), { filename: sfcPath })
  if (errors.length > 0) throw new Error(`${sfcPath}: ${String(errors[0])}`)
  return [descriptor.script, descriptor.scriptSetup]
    .filter((block) => block !== null)
    .map((block, i) => ts.createSourceFile(`${sfcPath}.${i}.ts`, block.content, ts.ScriptTarget.Latest, true))
}

function membersOf(members: ts.NodeArray<ts.TypeElement>): DocumentedMember[] {
  return members.filter(ts.isPropertySignature).map((member) => {
    const docs = ts.getJSDocCommentsAndTags(member).filter(ts.isJSDoc)
    const text = docs.map((doc) => ts.getTextOfJSDocComment(doc.comment) ?? '').join(' ')
    const name = ts.isIdentifier(member.name) || ts.isStringLiteral(member.name) ? member.name.text : member.name.getText()
    return { name, description: text.replace(/\s+/g, ' ').trim() }
  })
}

function find<T extends ts.Node>(files: ts.SourceFile[], match: (node: ts.Node) => node is T): T | undefined {
  let found: T | undefined
  const visit = (node: ts.Node) => {
    if (found) return
    if (match(node)) found = node
    else ts.forEachChild(node, visit)
  }
  files.forEach(visit)
  return found
}

/** Members of `interface <name>` or `type <name> = { … }` declared in the SFC (or .ts file). */
export function documentedType(sfcPath: string, name: string): DocumentedMember[] {
  const declaration = find(
    scriptsOf(sfcPath),
    (node): node is ts.InterfaceDeclaration | ts.TypeAliasDeclaration =>
      (ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node)) && node.name.text === name,
  )
  if (!declaration) throw new Error(`${sfcPath} declares no type ${name}`)
  if (ts.isInterfaceDeclaration(declaration)) return membersOf(declaration.members)
  if (ts.isTypeLiteralNode(declaration.type)) return membersOf(declaration.type.members)
  throw new Error(`${sfcPath}: type ${name} is not an object type`)
}

/** Members of the type literal passed to `defineSlots<…>()`. */
export function documentedSlots(sfcPath: string): DocumentedMember[] {
  const call = find(
    scriptsOf(sfcPath),
    (node): node is ts.CallExpression => ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'defineSlots',
  )
  const type = call?.typeArguments?.[0]
  if (!type || !ts.isTypeLiteralNode(type)) throw new Error(`${sfcPath} has no defineSlots<{ … }>() call`)
  return membersOf(type.members)
}
