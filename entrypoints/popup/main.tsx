import { render } from 'preact';

render(<p>Sanctions Context</p>, document.getElementById('app') as HTMLElement);
