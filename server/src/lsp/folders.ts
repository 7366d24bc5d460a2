import { LanguageService } from '../core/features/languageService';
import type { Settings } from '../core/settings';
import { Workspace } from '../core/workspace/workspace';

export interface Folder {
  readonly root: string;
  readonly workspace: Workspace;
  readonly service: LanguageService;
}

/** The workspace folders the server indexes; a file belongs to the innermost folder that holds it. */
export class Folders {
  private folders: Folder[] = [];

  add(root: string, settings: Settings): Folder {
    const workspace = new Workspace(root, settings);
    const folder = { root, workspace, service: new LanguageService(workspace) };
    this.folders.push(folder);
    this.folders.sort((a, b) => b.root.length - a.root.length);
    return folder;
  }

  remove(root: string): Folder | undefined {
    const found = this.folders.find((folder) => folder.root === root);
    this.folders = this.folders.filter((folder) => folder !== found);
    return found;
  }

  of(path: string): Folder | undefined {
    return this.folders.find((folder) => path === folder.root || path.startsWith(folder.root.endsWith('/') ? folder.root : `${folder.root}/`));
  }

  all(): readonly Folder[] {
    return this.folders;
  }
}
