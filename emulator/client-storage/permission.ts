// Who may read and write the bucket from a client (emulator/README.md, "Client storage"). The platform
// sets one permission per bucket, as `{"read", "write"}` rules over `auth.openid` and the file's uploader
// `resource.openid`; its four presets are the only rules emulated:
//   {"read": true,  "write": "resource.openid == auth.openid"}  所有用户可读，仅创建者可写
//   {"read": "resource.openid == auth.openid", "write": "…"}     仅创建者可读写 (the default here)
//   {"read": true,  "write": false}                              所有用户可读，仅管理端可写
//   {"read": false, "write": false}                              仅管理端可读写
// Functions bypass the permission; a file a function uploaded has no uploader, so the creator rule
// never grants a client access to it.
import { z } from 'zod'
import { readRulesFile } from '../rules-file'

export type StorageAccess = 'read' | 'write'

/** A rule's meaning: everyone (signed in, for writes), no client, or the file's uploader only. */
type Grant = boolean | 'uploader'

const UPLOADER_RULE = /^\s*(resource\.openid\s*===?\s*auth\.openid|auth\.openid\s*===?\s*resource\.openid)\s*$/

const ruleValue = z.union([
  z.boolean(),
  z.string().regex(UPLOADER_RULE, 'only true, false or "resource.openid == auth.openid" are emulated'),
])
const fileSchema = z.strictObject({ read: ruleValue, write: ruleValue })

const grantOf = (rule: boolean | string): Grant => (typeof rule === 'boolean' ? rule : 'uploader')

export class StoragePermission {
  constructor(
    private readonly read: Grant,
    private readonly write: Grant,
  ) {}

  /** 仅创建者可读写: what this project's bucket uses. */
  static readonly DEFAULT = new StoragePermission('uploader', 'uploader')

  /** Reads `file` (missing: the default); a bad rule stops the start with one line. Keys starting with "/" are comments. */
  static load(file: string): StoragePermission {
    const rules = readRulesFile(file, fileSchema)
    if (!rules) return StoragePermission.DEFAULT
    return new StoragePermission(grantOf(rules.read), grantOf(rules.write))
  }

  /**
   * Whether `openid` (undefined: not signed in) may read or write a file uploaded by `uploader`
   * (undefined: a function's file). For a new file, the uploader is the caller. Writing always needs a
   * signed-in caller, as uploadFile needs a login state.
   */
  allows(access: StorageAccess, openid: string | undefined, uploader: string | undefined): boolean {
    const grant = access === 'read' ? this.read : this.write
    if (access === 'write' && openid === undefined) return false
    if (grant === 'uploader') return openid !== undefined && uploader === openid
    return grant
  }
}
